package se.nexus.referral.referral;

/** Why a receiving agency declines a referral. */
public enum DeclineReason {
    NOT_IN_REMIT, INSUFFICIENT_INFORMATION, ALREADY_KNOWN, REFERRED_ELSEWHERE, NO_CONSENT, OTHER
}
