package se.nexus.referral.retention;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import se.nexus.referral.erasure.ErasureReason;
import se.nexus.referral.erasure.SubjectErasure;
import se.nexus.referral.protection.Shredder;
import se.nexus.referral.referral.Actor;
import se.nexus.support.retention.RecordClass;
import se.nexus.support.retention.RetentionPolicy;

/**
 * Deletes ended cases past their retention period (docs/architecture.md section 4.10): each batch locks up to
 * {@code limit} expired referrals that are not held and deletes them with their history and handovers; erases the
 * free text of each of their subjects about whom no referral is left; and deletes ended consents that no referral
 * left relies on. The job calls it in one transaction per batch.
 */
@Component
class CaseRecordRetention implements RetentionPolicy {

    /** Who acts, on the events the job causes (a subject's erasure). */
    static final Actor RETENTION = new Actor("nexus", "system:retention");

    private final CaseRecords records;
    private final Shredder shredder;
    private final SubjectErasure erasure;
    private final CaseRetentionProperties properties;

    CaseRecordRetention(CaseRecords records, Shredder shredder, SubjectErasure erasure,
            CaseRetentionProperties properties) {
        this.records = records;
        this.shredder = shredder;
        this.erasure = erasure;
        this.properties = properties;
    }

    @Override
    public List<RecordClass> recordClasses() {
        return List.of(RecordClass.of("referrals", properties.referrals()),
            RecordClass.of("referral-history", properties.referrals()),
            RecordClass.of("handovers", properties.referrals()),
            RecordClass.of("subject-keys", properties.referrals()),
            RecordClass.of("consents", properties.consents()));
    }

    @Override
    public Map<String, Integer> purge(Instant now, int limit) {
        Map<String, Integer> deleted = new LinkedHashMap<>();
        List<CaseRecords.Expired> expired = records.lockExpiredReferrals(before(now, properties.referrals()), limit);
        if (!expired.isEmpty()) {
            var ids = expired.stream().map(CaseRecords.Expired::id).toArray(UUID[]::new);
            deleted.put("referral-history", records.deleteHistory(ids));
            deleted.put("handovers", records.deleteHandovers(ids));
            deleted.put("referrals", records.deleteReferrals(ids));
            Set<String> subjects = new LinkedHashSet<>();
            expired.forEach(referral -> subjects.add(referral.subjectRef()));
            deleted.put("subject-keys", (int) subjects.stream().filter(this::eraseIfNoneLeft).count());
        }
        deleted.put("consents", records.deleteEndedConsents(before(now, properties.consents()), limit));
        return deleted;
    }

    /**
     * Erases the subject's free text once no referral about them is left: their data key serves nothing any more,
     * and destroying it shuts every copy of their text, in backups too, with a SubjectErased event. The key is locked
     * before looking, so a referral being submitted about them meanwhile commits first and is seen, or waits and
     * then gets a new key.
     */
    private boolean eraseIfNoneLeft(String subjectRef) {
        shredder.lock(subjectRef);
        return !records.anyReferralAbout(subjectRef) && erasure.erase(subjectRef, ErasureReason.RETENTION_ENDED, RETENTION);
    }

    private static Instant before(Instant now, Period period) {
        return now.atOffset(ZoneOffset.UTC).minus(period).toInstant();
    }
}
