package se.nexus.notification.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.nexus.support.participants.Agency;
import se.nexus.support.participants.Participants;

/**
 * Escalates notifications nobody acknowledged before their deadline, once each: to the agency's escalation
 * address and to the resource centres, whose coordinators get a notice that a case of that agency is overdue.
 */
@Service
public class Escalations {

    private final Notifications notifications;
    private final Participants participants;
    private final DeadlineProperties deadlines;
    private final EscalationProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Escalations(Notifications notifications, Participants participants, DeadlineProperties deadlines,
            EscalationProperties properties, ApplicationEventPublisher events, Clock clock) {
        this.notifications = notifications;
        this.participants = participants;
        this.deadlines = deadlines;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Escalates one batch of overdue notifications in one transaction and returns how many. The due rows
     * are locked with {@code SKIP LOCKED}, so instances checking at the same time share the work and never
     * escalate a notification twice.
     */
    @Transactional
    public int escalateDue() {
        Instant now = Instant.now(clock);
        List<Notification> due = notifications.lockDue(now, properties.batchSize());
        due.forEach(overdue -> escalate(overdue, now));
        return due.size();
    }

    private void escalate(Notification overdue, Instant now) {
        if (!notifications.markEscalated(overdue.id(), now)) {
            return;
        }
        Notification escalated = notifications.find(overdue.id(), overdue.agency()).orElseThrow();
        List<String> escalatedTo = new ArrayList<>();
        participants.find(overdue.agency()).map(Agency::escalationAddress).ifPresent(escalatedTo::add);
        List<Notification> notices = new ArrayList<>();
        for (Agency centre : participants.resourceCentres()) {
            escalatedTo.add(centre.functionAddress());
            notices.add(notifications.insert(overdue.escalationNotice(centre.id(), centre.functionAddress(), now,
                now.plus(deadlines.of(overdue.urgency())))));
        }
        events.publishEvent(new NotificationEvent.Escalated(UUID.randomUUID(), now, escalated, escalatedTo, notices));
    }
}
