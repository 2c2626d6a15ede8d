package se.nexus.notification.notification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What happened to a notification; published on {@code nexus.notifications} keyed by agency. */
public sealed interface NotificationEvent {

    UUID eventId();

    Instant occurredAt();

    Notification notification();

    record Notified(UUID eventId, Instant occurredAt, Notification notification) implements NotificationEvent {
    }

    record Acknowledged(UUID eventId, Instant occurredAt, Notification notification, String userRef)
            implements NotificationEvent {
    }

    /**
     * The notification was not acknowledged in time: each address in {@code escalatedTo} was told (the
     * agency's escalation address, then each resource centre's function address), and {@code notices} are the
     * resource centres' new notifications about it.
     */
    record Escalated(UUID eventId, Instant occurredAt, Notification notification, List<String> escalatedTo,
            List<Notification> notices) implements NotificationEvent {
    }
}
