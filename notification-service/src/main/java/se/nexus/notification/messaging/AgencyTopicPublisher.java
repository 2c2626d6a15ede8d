package se.nexus.notification.messaging;

import java.time.Instant;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import se.nexus.events.EventMetadata;
import se.nexus.events.Urgency;
import se.nexus.events.agency.AgencyNotificationEscalated;
import se.nexus.events.agency.AgencyNotified;
import se.nexus.notification.notification.Notification;
import se.nexus.notification.notification.NotificationEvent;
import se.nexus.schemas.Topics;
import se.nexus.support.outbox.Outbox;

/**
 * Publishes each new or escalated notification of an agency that asked for a topic of its own to
 * {@code nexus.agency.<agency id>}, in the transaction that creates or escalates it, as its webhook would get it:
 * references and codes only, never a subject ref. Keyed by referral id, so an agency reads a case's notifications in
 * order.
 */
@Component
class AgencyTopicPublisher {

    private final Outbox outbox;
    private final AgencyTopicsProperties properties;

    AgencyTopicPublisher(Outbox outbox, AgencyTopicsProperties properties) {
        this.outbox = outbox;
        this.properties = properties;
    }

    @EventListener
    void on(NotificationEvent.Notified event) {
        notified(event.notification(), event.occurredAt());
    }

    /** The overdue agency learns of its escalation; each resource centre of its notice, as a new notification. */
    @EventListener
    void on(NotificationEvent.Escalated event) {
        Notification n = event.notification();
        if (properties.wants(n.agency())) {
            UUID eventId = UUID.randomUUID();
            outbox.append(Topics.agencyTopicOf(n.agency()), keyOf(n), eventId, AgencyNotificationEscalated.newBuilder()
                .setMetadata(metadata(eventId, event.occurredAt(), n)).setNotificationId(n.id().toString())
                .setReferralId(referralIdOf(n)).setEventType(n.triggerEventType().name())
                .setUrgency(Urgency.valueOf(n.urgency().name())).setAgency(n.agency()).setDeadline(n.deadline())
                .setCreatedAt(n.createdAt()).setEscalatedAt(n.escalatedAt() == null ? event.occurredAt() : n.escalatedAt())
                .build());
        }
        event.notices().forEach(notice -> notified(notice, event.occurredAt()));
    }

    private void notified(Notification n, Instant occurredAt) {
        if (!properties.wants(n.agency())) {
            return;
        }
        UUID eventId = UUID.randomUUID();
        outbox.append(Topics.agencyTopicOf(n.agency()), keyOf(n), eventId, AgencyNotified.newBuilder()
            .setMetadata(metadata(eventId, occurredAt, n)).setNotificationId(n.id().toString())
            .setReferralId(referralIdOf(n)).setEventType(n.triggerEventType().name())
            .setUrgency(Urgency.valueOf(n.urgency().name())).setAgency(n.agency()).setDeadline(n.deadline())
            .setCreatedAt(n.createdAt()).setOverdueAgency(n.overdueAgency()).build());
    }

    private static String keyOf(Notification n) {
        return n.referralId() == null ? n.id().toString() : n.referralId().toString();
    }

    private static String referralIdOf(Notification n) {
        return n.referralId() == null ? null : n.referralId().toString();
    }

    private static EventMetadata metadata(UUID eventId, Instant occurredAt, Notification n) {
        return EventMetadata.newBuilder()
            .setEventId(eventId.toString())
            .setOccurredAt(occurredAt)
            .setProducer(NotificationEventPublisher.PRODUCER)
            .setActingAgency(n.agency())
            .setActingUserRef("system:" + NotificationEventPublisher.PRODUCER)
            .setCorrelationId(keyOf(n))
            .setCausationId(n.triggerEventId().toString())
            .build();
    }
}
