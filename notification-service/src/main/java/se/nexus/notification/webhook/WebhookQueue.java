package se.nexus.notification.webhook;

import se.nexus.notification.delivery.Deliveries;
import se.nexus.notification.delivery.Delivery;

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

    private final Deliveries deliveries;
    private final WebhookProperties properties;

    WebhookQueue(Deliveries deliveries, WebhookProperties properties) {
        this.deliveries = deliveries;
        this.properties = properties;
    }

    @EventListener
    void on(NotificationEvent.Notified event) {
        enqueue(event.notification(), Delivery.Kind.NOTIFIED, event.occurredAt());
    }

    @EventListener
    void on(NotificationEvent.Escalated event) {
        enqueue(event.notification(), Delivery.Kind.ESCALATED, event.occurredAt());
        event.notices().forEach(notice -> enqueue(notice, Delivery.Kind.NOTIFIED, event.occurredAt()));
    }

    private void enqueue(Notification n, Delivery.Kind kind, Instant now) {
        if (properties.endpointOf(n.agency()).isEmpty()) {
            return;
        }
        deliveries.insert(Delivery.pending(n.id(), n.agency(), Delivery.Channel.WEBHOOK, null, kind, false, now, now));
    }
}
