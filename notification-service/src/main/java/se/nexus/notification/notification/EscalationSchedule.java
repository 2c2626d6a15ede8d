package se.nexus.notification.notification;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Checks for overdue notifications at a configured interval, batch by batch until none are due. */
@Component
class EscalationSchedule {

    private final Escalations escalations;
    private final EscalationProperties properties;

    EscalationSchedule(Escalations escalations, EscalationProperties properties) {
        this.escalations = escalations;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${nexus.notification.escalation.check-interval:30s}",
            initialDelayString = "${nexus.notification.escalation.check-interval:30s}")
    void check() {
        // A full batch means more may be due; a short one means the backlog is done until the next check.
        int escalated;
        do {
            escalated = escalations.escalateDue();
        } while (escalated == properties.batchSize());
    }
}
