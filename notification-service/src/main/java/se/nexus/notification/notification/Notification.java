package se.nexus.notification.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * A notice to an agency's function address that a case needs attention. It carries the referral
 * reference, the event type, urgency, agency and deadline; a subject ref only when the subject's
 * identity is not protected.
 */
public record Notification(UUID id, long seq, String agency, String functionAddress, UUID referralId,
        String subjectRef, UUID triggerEventId, CaseEventType triggerEventType, Urgency urgency, Instant createdAt,
        Instant deadline, Instant acknowledgedAt, String acknowledgedBy, Instant escalatedAt) {
}
