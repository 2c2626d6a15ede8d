package se.nexus.notification.notification;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Notifications as meters for operators, counted once committed, by urgency only (no agency, referral or person):
 * {@code nexus.notifications.notified}, {@code nexus.notifications.time.to.acknowledge} and
 * {@code nexus.notifications.escalations}.
 */
@Component
class NotificationMeters {

    private final MeterRegistry meters;

    NotificationMeters(MeterRegistry meters) {
        this.meters = meters;
    }

    @TransactionalEventListener
    void on(NotificationEvent event) {
        String urgency = event.notification().urgency().name();
        if (event instanceof NotificationEvent.Notified) {
            meters.counter("nexus.notifications.notified", "urgency", urgency).increment();
        } else if (event instanceof NotificationEvent.Acknowledged acknowledged) {
            Timer.builder("nexus.notifications.time.to.acknowledge")
                .description("From a notification to its acknowledgement").tag("urgency", urgency)
                .publishPercentileHistogram().register(meters)
                .record(Duration.between(acknowledged.notification().createdAt(), acknowledged.occurredAt()));
        } else if (event instanceof NotificationEvent.Escalated) {
            meters.counter("nexus.notifications.escalations", "urgency", urgency).increment();
        }
    }
}
