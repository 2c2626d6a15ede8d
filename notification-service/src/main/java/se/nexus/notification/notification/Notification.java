package se.nexus.notification.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * A notice to an agency's function address that a case needs attention. It carries the referral
 * reference, the event type, urgency, agency and deadline; a subject ref only when the subject's
 * identity is not protected. An escalation notice to the resource centre also names the overdue
 * notification ({@code escalationOf}) and its agency ({@code overdueAgency}), and never a subject ref.
 */
public record Notification(UUID id, long seq, String agency, String functionAddress, UUID referralId,
        String subjectRef, UUID triggerEventId, CaseEventType triggerEventType, Urgency urgency, Instant createdAt,
        Instant deadline, Instant acknowledgedAt, String acknowledgedBy, Instant escalatedAt, UUID escalationOf,
        String overdueAgency) {

    /** A new notification of a case event, not yet stored. */
    static Notification of(CaseEvent event, String agency, String functionAddress, Instant now, Instant deadline) {
        return new Notification(UUID.randomUUID(), 0, agency, functionAddress, event.referralId(),
            event.protectedIdentity() ? null : event.subjectRef(), event.eventId(), event.type(), event.urgency(), now,
            deadline, null, null, null, null, null);
    }

    /** A new notice to a resource centre that this notification is overdue, without any subject ref. */
    Notification escalationNotice(String centre, String centreAddress, Instant now, Instant noticeDeadline) {
        return new Notification(UUID.randomUUID(), 0, centre, centreAddress, referralId, null, triggerEventId,
            triggerEventType, urgency, now, noticeDeadline, null, null, null, id, agency);
    }
}
