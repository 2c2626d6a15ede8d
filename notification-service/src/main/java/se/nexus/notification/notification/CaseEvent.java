package se.nexus.notification.notification;

import java.util.UUID;

/**
 * The part of a case event that routing needs, whatever its type: who sent and who receives, about
 * which referral and subject, how urgent. The messaging package builds it from each Avro event.
 *
 * @param fromAgency the sender of a referral, or the owner requesting a handover
 * @param toAgency the receiver of a referral, or the target of a handover
 */
public record CaseEvent(UUID eventId, CaseEventType type, UUID referralId, String fromAgency, String toAgency,
        String subjectRef, boolean protectedIdentity, Urgency urgency) {
}
