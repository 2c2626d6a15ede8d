package se.nexus.notification.webhook;

import se.nexus.notification.delivery.Delivery;

import java.time.Instant;
import java.util.UUID;

import se.nexus.notification.notification.CaseEventType;
import se.nexus.notification.notification.Notification;
import se.nexus.notification.notification.Urgency;

/**
 * The JSON body POSTed to an agency's system: references and codes only, never a subject ref, so that a
 * webhook discloses no more than that a case needs attention.
 *
 * @param type {@code NOTIFIED} for a new notification, {@code ESCALATED} when it was not acknowledged in time
 * @param overdueAgency for a resource centre's escalation notice, the agency whose notification is overdue
 */
record WebhookPayload(UUID deliveryId, Delivery.Kind type, UUID notificationId, UUID referralId,
        CaseEventType eventType, Urgency urgency, String agency, Instant deadline, Instant createdAt,
        Instant escalatedAt, String overdueAgency) {

    static WebhookPayload of(Delivery delivery, Notification n) {
        return new WebhookPayload(delivery.id(), delivery.kind(), n.id(), n.referralId(), n.triggerEventType(),
            n.urgency(), n.agency(), n.deadline(), n.createdAt(), n.escalatedAt(), n.overdueAgency());
    }
}
