package se.nexus.audit.chain;

import java.util.List;

/** Entries with known canonical bytes and hashes, computed independently (Python hashlib and struct). */
public final class EntryTestData {

    public static final String HASH_1 = "37af55b7420542163c6a1551546d80a2bfc41fac9907be215b462fb3f64fda87";
    public static final String HASH_2 = "ba13dcebebb6c38f6f58f079a0c8d7d071522eb77a9eb8f0145763f2903918eb";

    private EntryTestData() {
    }

    public static Entry referralSubmitted() {
        return new Entry(1, "e-1", "se.nexus.events.referral.ReferralSubmitted", "nexus.referrals", 0, 42L,
            1700000000000L, 1700000000123L, "referral-service", "se.uppsala.nexus", "u-1", "r-1", "p-7f3a9c",
            List.of("se.polisen.region-mitt", "se.uppsala.nexus"), null);
    }

    public static Entry auditQuery() {
        return new Entry(2, "q-1", "AuditQueryPerformed", null, null, null, 1700000001000L, 1700000001000L,
            "audit-service", "se.lansstyrelsen.uppsala", "auditor-1", null, null, List.of("se.lansstyrelsen.uppsala"),
            "{\"filters\":{},\"query\":\"verify\"}");
    }

    /** The entry at this position of a valid chain of test entries, renumbered. */
    public static Entry numbered(long position) {
        Entry e = referralSubmitted();
        return new Entry(position, "e-" + position, e.eventType(), e.topic(), e.partition(), position, e.occurredAt(),
            e.appendedAt(), e.producer(), e.actingAgency(), e.actingUserRef(), "r-" + position, e.subjectRef(),
            e.agencies(), e.details());
    }
}
