package se.nexus.referral.messaging;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import se.nexus.events.handover.HandoverAccepted;
import se.nexus.events.handover.HandoverCancelled;
import se.nexus.events.handover.HandoverDeclined;
import se.nexus.events.handover.HandoverRequested;
import se.nexus.referral.handover.Handover;
import se.nexus.referral.handover.HandoverEvent;
import se.nexus.referral.referral.Referral;
import se.nexus.schemas.Topics;
import se.nexus.support.outbox.Outbox;

/** Maps handover events to {@code nexus.handovers}, keyed by referral id so a case's events stay in order. */
@Component
class HandoverEventPublisher {

    private final Outbox outbox;

    HandoverEventPublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    @EventListener
    void on(HandoverEvent.Requested event) {
        Handover h = event.handover();
        Referral r = event.referral();
        publish(event, HandoverRequested.newBuilder().setMetadata(metadata(event))
            .setHandoverId(h.id().toString()).setReferralId(r.id().toString())
            .setFromAgency(h.fromAgency()).setToAgency(h.toAgency())
            .setSubject(ReferralEventPublisher.subject(r)).setUrgency(ReferralEventPublisher.urgency(r))
            .setReasonCode(h.reason().name()).setLegalBasis(ReferralEventPublisher.legalBasis(event.legalBasis()))
            .build());
    }

    @EventListener
    void on(HandoverEvent.Accepted event) {
        Handover h = event.handover();
        Referral r = event.referral();
        publish(event, HandoverAccepted.newBuilder().setMetadata(metadata(event))
            .setHandoverId(h.id().toString()).setReferralId(r.id().toString())
            .setFromAgency(h.fromAgency()).setToAgency(h.toAgency())
            .setSubject(ReferralEventPublisher.subject(r)).setUrgency(ReferralEventPublisher.urgency(r)).build());
    }

    @EventListener
    void on(HandoverEvent.Declined event) {
        Handover h = event.handover();
        Referral r = event.referral();
        publish(event, HandoverDeclined.newBuilder().setMetadata(metadata(event))
            .setHandoverId(h.id().toString()).setReferralId(r.id().toString())
            .setFromAgency(h.fromAgency()).setToAgency(h.toAgency())
            .setSubject(ReferralEventPublisher.subject(r)).setUrgency(ReferralEventPublisher.urgency(r))
            .setReasonCode(h.declineReason().name()).build());
    }

    @EventListener
    void on(HandoverEvent.Cancelled event) {
        Handover h = event.handover();
        Referral r = event.referral();
        publish(event, HandoverCancelled.newBuilder().setMetadata(metadata(event))
            .setHandoverId(h.id().toString()).setReferralId(r.id().toString())
            .setFromAgency(h.fromAgency()).setToAgency(h.toAgency())
            .setSubject(ReferralEventPublisher.subject(r)).setUrgency(ReferralEventPublisher.urgency(r)).build());
    }

    private void publish(HandoverEvent event, SpecificRecord record) {
        outbox.append(Topics.HANDOVERS, event.referral().id().toString(), event.eventId(), record);
    }

    private static se.nexus.events.EventMetadata metadata(HandoverEvent event) {
        return ReferralEventPublisher.metadata(event.eventId(), event.occurredAt(), event.actor().agency(),
            event.actor().userRef(), event.referral().id().toString());
    }
}
