package se.nexus.notification.retention;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.nexus.support.inbox.ProcessedEvents;

/**
 * The referrals under legal hold, as the referral service announces them: their notifications are kept past their
 * retention period. Each event is applied once, in order per referral (its events share a partition).
 */
@Service
public class HeldReferrals {

    private final JdbcClient jdbc;
    private final ProcessedEvents processed;

    HeldReferrals(JdbcClient jdbc, ProcessedEvents processed) {
        this.jdbc = jdbc;
        this.processed = processed;
    }

    @Transactional
    public void held(UUID eventId, UUID referralId, Instant since) {
        if (processed.markProcessed(eventId)) {
            jdbc.sql("INSERT INTO held_referrals (referral_id, held_since) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .param(referralId).param(Timestamp.from(since)).update();
        }
    }

    @Transactional
    public void released(UUID eventId, UUID referralId) {
        if (processed.markProcessed(eventId)) {
            jdbc.sql("DELETE FROM held_referrals WHERE referral_id = ?").param(referralId).update();
        }
    }
}
