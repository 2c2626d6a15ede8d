package se.nexus.referral.referral;

/** What the referral is about, as codes; the narrative stays in the encrypted summary. */
public enum Concern {
    THREATS, VIOLENCE, RESTRICTED_FREEDOM, FORCED_MARRIAGE, CHILD_MARRIAGE, GENITAL_MUTILATION,
    ABDUCTION_ABROAD, HONOUR_NORMS, CHILD_AT_RISK, OTHER
}
