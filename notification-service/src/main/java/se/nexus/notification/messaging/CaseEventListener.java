package se.nexus.notification.messaging;

import java.util.UUID;

import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import se.nexus.events.EventMetadata;
import se.nexus.events.Subject;
import se.nexus.events.handover.HandoverAccepted;
import se.nexus.events.handover.HandoverCancelled;
import se.nexus.events.handover.HandoverDeclined;
import se.nexus.events.handover.HandoverRequested;
import se.nexus.events.referral.LegalHoldLifted;
import se.nexus.events.referral.LegalHoldPlaced;
import se.nexus.events.referral.ReferralAccepted;
import se.nexus.events.referral.ReferralConsentRevoked;
import se.nexus.events.referral.ReferralDeclined;
import se.nexus.events.referral.ReferralSubmitted;
import se.nexus.events.referral.ReferralWithdrawn;
import se.nexus.notification.notification.CaseEvent;
import se.nexus.notification.notification.CaseEventType;
import se.nexus.notification.notification.NotificationInbox;
import se.nexus.notification.notification.Urgency;
import se.nexus.notification.retention.HeldReferrals;
import se.nexus.schemas.Topics;

/**
 * Reads the case events that can need a coordinator's attention, one typed handler per event type, and
 * hands each to the inbox; and the legal holds on referrals, which keep their notifications past their retention.
 * Event types it does not handle are skipped: they need nobody's attention.
 */
@Component
@KafkaListener(id = "case-events", topics = { Topics.REFERRALS, Topics.HANDOVERS })
class CaseEventListener {

    private final NotificationInbox inbox;
    private final HeldReferrals held;

    CaseEventListener(NotificationInbox inbox, HeldReferrals held) {
        this.inbox = inbox;
        this.held = held;
    }

    @KafkaHandler
    void on(ReferralSubmitted event) {
        inbox.notify(caseEvent(event.getMetadata(), CaseEventType.REFERRAL_SUBMITTED, event.getReferralId(),
            event.getFromAgency(), event.getToAgency(), event.getSubject(), event.getUrgency()));
    }

    @KafkaHandler
    void on(ReferralAccepted event) {
        inbox.notify(caseEvent(event.getMetadata(), CaseEventType.REFERRAL_ACCEPTED, event.getReferralId(),
            event.getFromAgency(), event.getToAgency(), event.getSubject(), event.getUrgency()));
    }

    @KafkaHandler
    void on(ReferralDeclined event) {
        inbox.notify(caseEvent(event.getMetadata(), CaseEventType.REFERRAL_DECLINED, event.getReferralId(),
            event.getFromAgency(), event.getToAgency(), event.getSubject(), event.getUrgency()));
    }

    @KafkaHandler
    void on(ReferralWithdrawn event) {
        inbox.notify(caseEvent(event.getMetadata(), CaseEventType.REFERRAL_WITHDRAWN, event.getReferralId(),
            event.getFromAgency(), event.getToAgency(), event.getSubject(), event.getUrgency()));
    }

    @KafkaHandler
    void on(ReferralConsentRevoked event) {
        inbox.notify(caseEvent(event.getMetadata(), CaseEventType.REFERRAL_CONSENT_REVOKED, event.getReferralId(),
            event.getFromAgency(), event.getToAgency(), event.getSubject(), event.getUrgency()));
    }

    @KafkaHandler
    void on(HandoverRequested event) {
        inbox.notify(caseEvent(event.getMetadata(), CaseEventType.HANDOVER_REQUESTED, event.getReferralId(),
            event.getFromAgency(), event.getToAgency(), event.getSubject(), event.getUrgency()));
    }

    @KafkaHandler
    void on(HandoverAccepted event) {
        inbox.notify(caseEvent(event.getMetadata(), CaseEventType.HANDOVER_ACCEPTED, event.getReferralId(),
            event.getFromAgency(), event.getToAgency(), event.getSubject(), event.getUrgency()));
    }

    @KafkaHandler
    void on(HandoverDeclined event) {
        inbox.notify(caseEvent(event.getMetadata(), CaseEventType.HANDOVER_DECLINED, event.getReferralId(),
            event.getFromAgency(), event.getToAgency(), event.getSubject(), event.getUrgency()));
    }

    @KafkaHandler
    void on(HandoverCancelled event) {
        inbox.notify(caseEvent(event.getMetadata(), CaseEventType.HANDOVER_CANCELLED, event.getReferralId(),
            event.getFromAgency(), event.getToAgency(), event.getSubject(), event.getUrgency()));
    }

    @KafkaHandler
    void on(LegalHoldPlaced event) {
        held.held(UUID.fromString(event.getMetadata().getEventId()), UUID.fromString(event.getReferralId()),
            event.getMetadata().getOccurredAt());
    }

    @KafkaHandler
    void on(LegalHoldLifted event) {
        held.released(UUID.fromString(event.getMetadata().getEventId()), UUID.fromString(event.getReferralId()));
    }

    /** Receipts, closures and events added later need no coordinator's attention. */
    @KafkaHandler(isDefault = true)
    void skip(Object event) {
    }

    private static CaseEvent caseEvent(EventMetadata metadata, CaseEventType type, String referralId,
            String fromAgency, String toAgency, Subject subject, se.nexus.events.Urgency urgency) {
        return new CaseEvent(UUID.fromString(metadata.getEventId()), type, UUID.fromString(referralId), fromAgency,
            toAgency, subject.getRef(), subject.getProtectedIdentity(), Urgency.valueOf(urgency.name()));
    }
}
