package se.nexus.notification.notification;

import java.time.Instant;
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
}
