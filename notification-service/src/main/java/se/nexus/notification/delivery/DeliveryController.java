package se.nexus.notification.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import se.nexus.notification.notification.NotificationInbox;
import se.nexus.support.security.Caller;
import se.nexus.support.web.PageOf;

/** How the deliveries (webhook POSTs, e-mail alerts) of one of the coordinator's own agency's notifications went. */
@Tag(name = "Notifications")
@RestController
@RequestMapping("/api/v1/notifications")
class DeliveryController {

    private final NotificationInbox inbox;
    private final Deliveries deliveries;

    DeliveryController(NotificationInbox inbox, Deliveries deliveries) {
        this.inbox = inbox;
        this.deliveries = deliveries;
    }

    @Operation(operationId = "listWebhookDeliveries", summary = "How the deliveries of a notification went: webhook POSTs and e-mail alerts")
    @GetMapping("/{id}/deliveries")
    PageOf<DeliveryView> deliveries(Caller caller, @PathVariable UUID id) {
        inbox.get(id, caller.agency());
        List<DeliveryView> found = deliveries.of(id, caller.agency()).stream().map(DeliveryView::of).toList();
        return new PageOf<>(found, 0, found.size(), found.size());
    }

    /**
     * A delivery's state; the last error is a status code or an exception class, never a body. The recipient is the
     * function or escalation address an e-mail alert goes to (a unit's address, never a person's).
     */
    record DeliveryView(UUID id, Delivery.Channel channel, String recipient, Delivery.Kind type, Delivery.State state,
            int attempts, Instant nextAttemptAt, String lastError, Instant createdAt, Instant deliveredAt) {

        static DeliveryView of(Delivery d) {
            return new DeliveryView(d.id(), d.channel(), d.recipient(), d.kind(), d.state(), d.attempts(),
                d.state() == Delivery.State.PENDING ? d.nextAttemptAt() : null, d.lastError(), d.createdAt(),
                d.deliveredAt());
        }
    }
}
