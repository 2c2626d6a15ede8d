package se.nexus.notification.webhook;

import java.time.Instant;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import se.nexus.notification.notification.Notification;
import se.nexus.notification.notification.NotificationEvent;

/**
 * Records a delivery for every new or escalated notification of an agency that has a webhook, in the
 * transaction that creates or escalates it: the delivery is never lost nor sent for a rolled-back change.
 */
@Component
class WebhookQueue {

    private final WebhookDeliveries deliveries;
    private final WebhookProperties properties;

    WebhookQueue(WebhookDeliveries deliveries, WebhookProperties properties) {
        this.deliveries = deliveries;
        this.properties = properties;
    }

    @EventListener
    void on(NotificationEvent.Notified event) {
        enqueue(event.notification(), WebhookDelivery.Kind.NOTIFIED, event.occurredAt());
    }

    @EventListener
    void on(NotificationEvent.Escalated event) {
        enqueue(event.notification(), WebhookDelivery.Kind.ESCALATED, event.occurredAt());
        event.notices().forEach(notice -> enqueue(notice, WebhookDelivery.Kind.NOTIFIED, event.occurredAt()));
    }

    private void enqueue(Notification n, WebhookDelivery.Kind kind, Instant now) {
        if (properties.endpointOf(n.agency()).isEmpty()) {
            return;
        }
        deliveries.insert(new WebhookDelivery(UUID.randomUUID(), n.id(), n.agency(), kind,
            WebhookDelivery.State.PENDING, 0, now, null, now, null));
    }
}
