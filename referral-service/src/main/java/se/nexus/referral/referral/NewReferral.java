package se.nexus.referral.referral;

import java.util.List;

/** What a sender asks for when submitting a referral (validated at the edge). */
public record NewReferral(String toAgency, Subject subject, Urgency urgency, List<Concern> concerns,
        LegalBasis legalBasis, Purpose purpose, String summary) {
}
