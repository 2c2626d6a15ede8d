package se.nexus.notification.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.nexus.support.inbox.ProcessedEvents;
import se.nexus.support.participants.Agency;
import se.nexus.support.participants.Participants;
import se.nexus.support.web.PageOf;

/** Turns case events into notifications for the right agencies, and lets coordinators read and acknowledge them. */
@Service
public class NotificationInbox {

    private final Notifications notifications;
    private final ProcessedEvents processed;
    private final Participants participants;
    private final DeadlineProperties deadlines;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    NotificationInbox(Notifications notifications, ProcessedEvents processed, Participants participants,
            DeadlineProperties deadlines, ApplicationEventPublisher events, Clock clock) {
        this.notifications = notifications;
        this.processed = processed;
        this.participants = participants;
        this.deadlines = deadlines;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Notifies every agency the routing table names, once per event even when the event is redelivered:
     * the event id is recorded in the same transaction as the notifications.
     */
    @Transactional
    public List<Notification> notify(CaseEvent event) {
        if (!processed.markProcessed(event.eventId())) {
            return List.of();
        }
        Instant now = Instant.now(clock);
        List<Notification> created = new ArrayList<>();
        for (String agencyId : Routing.recipients(event)) {
            Agency agency = participants.find(agencyId).orElseThrow(
                () -> new IllegalStateException("Event " + event.eventId() + " names an agency that does not participate"));
            Notification notification = notifications.insert(Notification.of(event, agency.id(),
                agency.functionAddress(), now, now.plus(deadlines.of(event.urgency()))));
            events.publishEvent(new NotificationEvent.Notified(UUID.randomUUID(), now, notification));
            created.add(notification);
        }
        return created;
    }

    @Transactional(readOnly = true)
    public PageOf<Notification> inbox(InboxQuery query) {
        return new PageOf<>(notifications.inbox(query), query.page(), query.size(), notifications.count(query));
    }

    /** One notification of the caller's agency; another agency's is as unknown as a missing one. */
    @Transactional(readOnly = true)
    public Notification get(UUID id, String agency) {
        return notifications.find(id, agency).orElseThrow(() -> new NotificationNotFound(id));
    }

    /** Acknowledges a notification of the caller's agency; acknowledging again changes nothing. */
    @Transactional
    public Notification acknowledge(UUID id, String agency, String userRef) {
        notifications.find(id, agency).orElseThrow(() -> new NotificationNotFound(id));
        Instant now = Instant.now(clock);
        if (notifications.acknowledge(id, userRef, now)) {
            Notification acknowledged = notifications.find(id, agency).orElseThrow();
            events.publishEvent(new NotificationEvent.Acknowledged(UUID.randomUUID(), now, acknowledged, userRef));
            return acknowledged;
        }
        return notifications.find(id, agency).orElseThrow();
    }
}
