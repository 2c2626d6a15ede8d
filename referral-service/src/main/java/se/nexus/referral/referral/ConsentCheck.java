package se.nexus.referral.referral;

import java.util.UUID;

/** Whether an active consent lets a subject's case be disclosed to an agency for a purpose. */
public interface ConsentCheck {

    boolean covers(UUID consentId, String subjectRef, String toAgency, Purpose purpose);
}
