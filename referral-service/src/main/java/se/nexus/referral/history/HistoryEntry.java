package se.nexus.referral.history;

import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import se.nexus.referral.handover.Handover;
import se.nexus.referral.handover.HandoverEvent;
import se.nexus.referral.referral.ReferralEvent;

/**
 * One thing that happened to a referral: its type, when, the acting agency and, for handovers, which one. Codes
 * only: no free text, no subject and no user, so it may be shown to every agency that may see the referral.
 *
 * @param toAgency the agency asked to take the case over, only for {@link Type#HANDOVER_REQUESTED}
 * @param reason the code of the decline reason, handover reason or handover decline reason, for the types that have one
 */
record HistoryEntry(Type type, Instant occurredAt, String agency, UUID handoverId, String toAgency, String reason) {

    /** The kinds of entry, one per domain event, named as the notification service names the events. */
    enum Type {
        REFERRAL_SUBMITTED(ReferralEvent.Submitted.class),
        REFERRAL_RECEIVED(ReferralEvent.Received.class),
        REFERRAL_ACCEPTED(ReferralEvent.Accepted.class),
        REFERRAL_DECLINED(ReferralEvent.Declined.class),
        REFERRAL_WITHDRAWN(ReferralEvent.Withdrawn.class),
        REFERRAL_CLOSED(ReferralEvent.Closed.class),
        REFERRAL_CONSENT_REVOKED(ReferralEvent.ConsentRevoked.class),
        HANDOVER_REQUESTED(HandoverEvent.Requested.class),
        HANDOVER_ACCEPTED(HandoverEvent.Accepted.class),
        HANDOVER_DECLINED(HandoverEvent.Declined.class),
        HANDOVER_CANCELLED(HandoverEvent.Cancelled.class);

        private final Class<?> event;

        Type(Class<?> event) {
            this.event = event;
        }

        /** Fails for an event with no entry type, so that a new event cannot go missing from the history unnoticed. */
        static Type of(Class<?> event) {
            return Arrays.stream(values()).filter(type -> type.event == event).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No history entry type for " + event.getName()));
        }
    }

    static HistoryEntry of(ReferralEvent event) {
        String reason = event instanceof ReferralEvent.Declined declined ? declined.reason().name() : null;
        return new HistoryEntry(Type.of(event.getClass()), event.occurredAt(), event.actor().agency(), null, null,
            reason);
    }

    static HistoryEntry of(HandoverEvent event) {
        Handover handover = event.handover();
        boolean requested = event instanceof HandoverEvent.Requested;
        String reason = requested ? handover.reason().name()
            : event instanceof HandoverEvent.Declined ? handover.declineReason().name() : null;
        return new HistoryEntry(Type.of(event.getClass()), event.occurredAt(), event.actor().agency(), handover.id(),
            requested ? handover.toAgency() : null, reason);
    }
}
