package se.nexus.referral.erasure;

/** Why a person's free text is erased. */
public enum ErasureReason {
    /** The retention period of the person's case records ran out. */
    RETENTION_ENDED,
    /** Someone entitled to it asked for the erasure (e.g. GDPR article 17, or a court's decision). */
    ERASURE_REQUEST
}
