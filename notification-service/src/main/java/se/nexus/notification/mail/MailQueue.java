package se.nexus.notification.mail;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import se.nexus.notification.delivery.Deliveries;
import se.nexus.notification.delivery.Delivery;
import se.nexus.notification.notification.Notification;
import se.nexus.notification.notification.NotificationEvent;
import se.nexus.notification.notification.Urgency;
import se.nexus.support.participants.Agency;
import se.nexus.support.participants.Participants;

/**
 * Records an e-mail alert for each new notification the agency's settings ask for, and for each escalation, in the
 * transaction that creates or escalates it. When it is due says the agency's settings: at once, after its quiet
 * hours (never for IMMEDIATE), or with the next digest of ROUTINE alerts.
 */
@Component
class MailQueue {

    private final Deliveries deliveries;
    private final MailProperties properties;
    private final Participants participants;

    MailQueue(Deliveries deliveries, MailProperties properties, Participants participants) {
        this.deliveries = deliveries;
        this.properties = properties;
        this.participants = participants;
    }

    @EventListener
    void on(NotificationEvent.Notified event) {
        Notification n = event.notification();
        MailProperties.Settings settings = properties.of(n.agency());
        if (!properties.enabled() || !settings.alerts(n.triggerEventType(), n.urgency())) {
            return;
        }
        Instant now = event.occurredAt();
        boolean digest = settings.digests(n.urgency());
        Instant due = digest ? nextDigest(now, settings.routineDigest(), properties.zone()) : now;
        if (n.urgency() != Urgency.IMMEDIATE && settings.quietHours() != null) {
            due = settings.quietHours().endIfWithin(due, properties.zone());
        }
        deliveries.insert(Delivery.pending(n.id(), n.agency(), Delivery.Channel.EMAIL, n.functionAddress(),
            Delivery.Kind.NOTIFIED, digest, now, due));
    }

    /**
     * An escalation alerts at once, whatever the settings: the overdue agency's function and escalation addresses
     * (its on-call), and each resource centre that got a notice of it.
     */
    @EventListener
    void on(NotificationEvent.Escalated event) {
        if (!properties.enabled()) {
            return;
        }
        Notification overdue = event.notification();
        Set<String> recipients = new LinkedHashSet<>();
        recipients.add(overdue.functionAddress());
        participants.find(overdue.agency()).map(Agency::escalationAddress).ifPresent(recipients::add);
        recipients.forEach(address -> escalate(overdue, address, event.occurredAt()));
        event.notices().forEach(notice -> escalate(notice, notice.functionAddress(), event.occurredAt()));
    }

    private void escalate(Notification n, String address, Instant now) {
        deliveries.insert(Delivery.pending(n.id(), n.agency(), Delivery.Channel.EMAIL, address, Delivery.Kind.ESCALATED,
            false, now, now));
    }

    /** The end of the digest period {@code now} falls in; periods are counted from local midnight. */
    static Instant nextDigest(Instant now, Duration period, ZoneId zone) {
        Instant midnight = now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
        long periods = Duration.between(midnight, now).toNanos() / period.toNanos() + 1;
        return midnight.plus(period.multipliedBy(periods));
    }
}
