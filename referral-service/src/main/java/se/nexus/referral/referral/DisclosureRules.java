package se.nexus.referral.referral;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import se.nexus.referral.legal.LegalProperties;
import se.nexus.support.web.ApiException;
import se.nexus.support.web.InvalidInput;

/** A case is disclosed to another agency only on a recorded, valid legal basis. */
@Component
class DisclosureRules {

    private final LegalProperties legal;
    private final ConsentCheck consents;

    DisclosureRules(LegalProperties legal, ConsentCheck consents) {
        this.legal = legal;
        this.consents = consents;
    }

    /** The basis lets the discloser tell the receiving agency about the subject's case, for the purpose. */
    void requireValid(LegalBasis basis, String discloser, String subjectRef, String toAgency, Purpose purpose) {
        switch (basis.type()) {
            case STATUTORY -> {
                if (basis.provisionCode() == null || !legal.provisionCodes().contains(basis.provisionCode())) {
                    throw new InvalidInput("legalBasis.provisionCode", "must be one of " + legal.provisionCodes().stream().sorted().toList());
                }
            }
            case CONSENT -> {
                if (basis.consentId() == null) {
                    throw new InvalidInput("legalBasis.consentId", "is required when the legal basis is CONSENT");
                }
                if (!consents.covers(basis.consentId(), discloser, subjectRef, toAgency, purpose)) {
                    throw new NoCoveringConsent();
                }
            }
        }
    }

    /**
     * The named consent is unknown, not one the discloser may rely on, not active, or does not cover this subject,
     * receiving agency and purpose (422): one answer for all, so that it tells a stranger nothing about a consent.
     */
    static class NoCoveringConsent extends ApiException {
        NoCoveringConsent() {
            super(HttpStatus.UNPROCESSABLE_CONTENT, "consent-does-not-cover",
                "No active consent with that id covers this subject, the receiving agency and the purpose");
        }
    }
}
