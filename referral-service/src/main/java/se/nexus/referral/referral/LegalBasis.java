package se.nexus.referral.referral;

import java.util.UUID;

/** The recorded ground for disclosing a case to another agency: a consent, or a statutory provision. */
public record LegalBasis(Type type, UUID consentId, String provisionCode) {

    public enum Type {
        CONSENT, STATUTORY
    }
}
