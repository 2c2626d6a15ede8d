package se.nexus.support.deadletter;

/** Where a dead letter or a parked record stands; DEAD and PARKED are open, the others closed. */
public enum DeadLetterStatus {
    /** Failed after its retries (and went to the DLT); later records of its key wait behind it. */
    DEAD,
    /** Read after a dead letter of the same key, kept here instead of applied. */
    PARKED,
    /** An operator replayed it and it was applied. */
    REPLAYED,
    /** An operator declared it handled without applying it. */
    RESOLVED,
    /** Was parked, and was applied after the dead letter it waited behind was replayed or resolved. */
    RELEASED
}
