package se.nexus.notification.webhook;

import java.time.Instant;
import java.util.UUID;

/** One notification (or its escalation) to be POSTed to one agency's system, and how that went so far. */
record WebhookDelivery(UUID id, UUID notificationId, String agency, Kind kind, State state, int attempts,
        Instant nextAttemptAt, String lastError, Instant createdAt, Instant deliveredAt) {

    /** What the POST tells the agency's system. */
    enum Kind {
        /** A new notification for the agency. */
        NOTIFIED,
        /** The agency's notification was not acknowledged in time and was escalated. */
        ESCALATED
    }

    enum State {
        PENDING, DELIVERED, FAILED
    }
}
