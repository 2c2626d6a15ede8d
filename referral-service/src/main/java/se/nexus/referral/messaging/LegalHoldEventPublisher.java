package se.nexus.referral.messaging;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import se.nexus.events.referral.LegalHoldLifted;
import se.nexus.events.referral.LegalHoldPlaced;
import se.nexus.referral.retention.LegalHoldEvent;
import se.nexus.schemas.Topics;
import se.nexus.support.outbox.Outbox;

/**
 * Maps legal holds to {@code nexus.referrals}, keyed by referral id so that a hold follows the case's events in
 * order, through the outbox.
 */
@Component
class LegalHoldEventPublisher {

    private final Outbox outbox;

    LegalHoldEventPublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    @EventListener
    void on(LegalHoldEvent.Placed event) {
        outbox.append(Topics.REFERRALS, event.referralId().toString(), event.eventId(), LegalHoldPlaced.newBuilder()
            .setMetadata(metadata(event)).setReferralId(event.referralId().toString())
            .setReason(event.reason().name()).build());
    }

    @EventListener
    void on(LegalHoldEvent.Lifted event) {
        outbox.append(Topics.REFERRALS, event.referralId().toString(), event.eventId(), LegalHoldLifted.newBuilder()
            .setMetadata(metadata(event)).setReferralId(event.referralId().toString()).build());
    }

    private static se.nexus.events.EventMetadata metadata(LegalHoldEvent event) {
        return ReferralEventPublisher.metadata(event.eventId(), event.occurredAt(), event.actor().agency(),
            event.actor().userRef(), event.referralId().toString());
    }
}
