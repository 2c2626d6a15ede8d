package se.nexus.notification.retention;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import se.nexus.support.retention.RecordClass;
import se.nexus.support.retention.RetentionPolicy;

/**
 * Deletes notifications past their retention period with their deliveries (docs/architecture.md section 4.10), oldest
 * first, a batch per transaction. An overdue notification goes once its escalation notices have gone (they point at
 * it), which is in the same run or the next, since they were created just after it.
 */
@Component
class NotificationRetention implements RetentionPolicy {

    private final JdbcClient jdbc;
    private final NotificationRetentionProperties properties;

    NotificationRetention(JdbcClient jdbc, NotificationRetentionProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @Override
    public List<RecordClass> recordClasses() {
        return List.of(RecordClass.of("notifications", properties.period()),
            RecordClass.of("deliveries", properties.period()));
    }

    @Override
    public Map<String, Integer> purge(Instant now, int limit) {
        UUID[] expired = jdbc.sql("""
                SELECT n.id FROM notifications n
                WHERE n.created_at < :cutoff
                  AND (n.acknowledged_at IS NOT NULL OR n.escalated_at IS NOT NULL OR n.escalation_of IS NOT NULL)
                  AND NOT EXISTS (SELECT 1 FROM held_referrals h WHERE h.referral_id = n.referral_id)
                  AND NOT EXISTS (SELECT 1 FROM notifications notice WHERE notice.escalation_of = n.id)
                ORDER BY n.created_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
            .param("cutoff", Timestamp.from(now.atOffset(ZoneOffset.UTC).minus(properties.period()).toInstant()))
            .param("limit", limit)
            .query(UUID.class).list().toArray(UUID[]::new);
        Map<String, Integer> deleted = new LinkedHashMap<>();
        if (expired.length > 0) {
            deleted.put("deliveries",
                jdbc.sql("DELETE FROM deliveries WHERE notification_id = ANY(?)").param(expired).update());
            deleted.put("notifications",
                jdbc.sql("DELETE FROM notifications WHERE id = ANY(?)").param(expired).update());
        }
        return deleted;
    }
}
