package se.nexus.referral.referral;

import java.util.UUID;

/**
 * Whether an active consent lets an agency disclose a subject's case to another agency for a purpose. Only the
 * agency that recorded the consent and the agencies it names may rely on it; for any other agency the consent
 * does not exist.
 */
public interface ConsentCheck {

    boolean covers(UUID consentId, String discloser, String subjectRef, String toAgency, Purpose purpose);
}
