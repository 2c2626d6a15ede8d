package se.nexus.notification.messaging;

import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import se.nexus.events.EventMetadata;
import se.nexus.events.Urgency;
import se.nexus.events.notification.CoordinatorNotified;
import se.nexus.events.notification.NotificationAcknowledged;
import se.nexus.events.notification.NotificationEscalated;
import se.nexus.notification.notification.Notification;
import se.nexus.notification.notification.NotificationEvent;
import se.nexus.schemas.Topics;
import se.nexus.support.outbox.Outbox;

/**
 * Publishes what happened to notifications on {@code nexus.notifications}, keyed by agency, so the audit
 * log shows who was told what and when they reacted.
 */
@Component
class NotificationEventPublisher {

    static final String PRODUCER = "notification-service";

    private final Outbox outbox;

    NotificationEventPublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    @EventListener
    void on(NotificationEvent.Notified event) {
        Notification n = event.notification();
        outbox.append(Topics.NOTIFICATIONS, n.agency(), event.eventId(), CoordinatorNotified.newBuilder()
            .setMetadata(metadata(event, n.agency(), "system:" + PRODUCER, n))
            .setNotificationId(n.id().toString()).setAgency(n.agency()).setFunctionAddress(n.functionAddress())
            .setReferralId(n.referralId() == null ? null : n.referralId().toString()).setSubjectRef(n.subjectRef())
            .setTriggerEventId(n.triggerEventId().toString()).setTriggerEventType(n.triggerEventType().name())
            .setUrgency(Urgency.valueOf(n.urgency().name())).setDeadline(n.deadline()).build());
    }

    @EventListener
    void on(NotificationEvent.Acknowledged event) {
        Notification n = event.notification();
        outbox.append(Topics.NOTIFICATIONS, n.agency(), event.eventId(), NotificationAcknowledged.newBuilder()
            .setMetadata(metadata(event, n.agency(), event.userRef(), n))
            .setNotificationId(n.id().toString()).setAgency(n.agency())
            .setReferralId(n.referralId() == null ? null : n.referralId().toString()).build());
    }

    /**
     * One event per address told, so that the audit log names every recipient of the escalation: the
     * agency's escalation address and each resource centre's function address. All are keyed by the overdue
     * agency, so they stay in order with that agency's other notification events.
     */
    @EventListener
    void on(NotificationEvent.Escalated event) {
        Notification n = event.notification();
        for (String address : event.escalatedTo()) {
            UUID eventId = UUID.randomUUID();
            outbox.append(Topics.NOTIFICATIONS, n.agency(), eventId, NotificationEscalated.newBuilder()
                .setMetadata(metadata(eventId, event, n.agency(), "system:" + PRODUCER, n))
                .setNotificationId(n.id().toString()).setAgency(n.agency()).setEscalationAddress(address)
                .setReferralId(n.referralId() == null ? null : n.referralId().toString())
                .setDeadline(n.deadline()).build());
        }
    }

    private static EventMetadata metadata(NotificationEvent event, String agency, String userRef, Notification n) {
        return metadata(event.eventId(), event, agency, userRef, n);
    }

    private static EventMetadata metadata(UUID eventId, NotificationEvent event, String agency, String userRef,
            Notification n) {
        return EventMetadata.newBuilder()
            .setEventId(eventId.toString())
            .setOccurredAt(event.occurredAt())
            .setProducer(PRODUCER)
            .setActingAgency(agency)
            .setActingUserRef(userRef)
            .setCorrelationId(n.referralId() == null ? n.id().toString() : n.referralId().toString())
            .setCausationId(n.triggerEventId().toString())
            .build();
    }
}
