package se.nexus.support.locks;

/**
 * Every PostgreSQL advisory lock the shared mechanisms take, in one place: the keys share one space per database, and
 * two mechanisms on the same key would hold each other back (the retention job once never ran while relays held
 * theirs). A service's own locks (the audit chain's append lock) keep clear of the {@code 0x4E58_5553} prefix.
 */
public final class AdvisoryLocks {

    /** Taken shared by each relay batch; held exclusively, it holds every relay of the database back. */
    public static final long RELAY = 0x4E58_5553_0001L;
    /** Held by the one retention run of a service at a time. */
    public static final long RETENTION_RUN = 0x4E58_5553_0002L;
    /** Held shared by every running relay of the database, so that each can count them. */
    public static final long RELAY_MEMBERS = 0x4E58_5553_0003L;
    /** The lock of relay partition {@code p} is {@code RELAY_PARTITIONS + p}, for p below {@link #MAX_PARTITIONS}. */
    public static final long RELAY_PARTITIONS = 0x4E58_5553_1000L;
    public static final int MAX_PARTITIONS = 0x1000;

    private AdvisoryLocks() {
    }
}
