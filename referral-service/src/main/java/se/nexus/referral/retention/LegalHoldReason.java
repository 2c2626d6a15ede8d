package se.nexus.referral.retention;

/** Why a referral is kept past its retention period: codes only, never the case's or the proceedings' details. */
public enum LegalHoldReason {
    /** A court case or other legal proceedings may need the records. */
    LEGAL_PROCEEDINGS,
    /** A supervisory authority (e.g. IVO, JO) is examining the handling of the case. */
    SUPERVISION,
    /** A criminal or internal investigation (e.g. lex Sarah, lex Maria) concerns the case. */
    INVESTIGATION,
    /** A request for the records (public documents, or the person's own access request) is still being handled. */
    ACCESS_REQUEST
}
