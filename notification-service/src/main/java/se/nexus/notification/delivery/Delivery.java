package se.nexus.notification.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * One notification (or its escalation) to be delivered once over one channel: POSTed to an agency's system, or an
 * e-mail alert to a function address. Recorded in the transaction that creates or escalates the notification, so it
 * is never lost nor sent for a change that rolled back; attempted until delivered or given up.
 *
 * @param recipient the e-mail address an alert goes to; null for a webhook (the agency's configured endpoint)
 * @param digest whether the alert waits to be sent with the others due at the same time, in one message
 */
public record Delivery(UUID id, UUID notificationId, String agency, Channel channel, String recipient, Kind kind,
        boolean digest, State state, int attempts, Instant nextAttemptAt, String lastError, Instant createdAt,
        Instant deliveredAt) {

    /** A new delivery, due at {@code dueAt}. */
    public static Delivery pending(UUID notificationId, String agency, Channel channel, String recipient, Kind kind,
            boolean digest, Instant now, Instant dueAt) {
        return new Delivery(UUID.randomUUID(), notificationId, agency, channel, recipient, kind, digest, State.PENDING,
            0, dueAt, null, now, null);
    }

    /** How the notification travels. */
    public enum Channel {
        /** A signed POST to the agency's own system. */
        WEBHOOK,
        /** An e-mail to a function address, with nothing in it but a pointer to the console. */
        EMAIL
    }

    /** What the delivery tells. */
    public enum Kind {
        /** A new notification for the agency. */
        NOTIFIED,
        /** The agency's notification was not acknowledged in time and was escalated. */
        ESCALATED
    }

    public enum State {
        PENDING, DELIVERED, FAILED
    }
}
