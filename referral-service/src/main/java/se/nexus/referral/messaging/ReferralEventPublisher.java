package se.nexus.referral.messaging;

import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import se.nexus.events.EventMetadata;
import se.nexus.events.LegalBasisType;
import se.nexus.events.Subject;
import se.nexus.events.Urgency;
import se.nexus.events.referral.ReferralAccepted;
import se.nexus.events.referral.ReferralClosed;
import se.nexus.events.referral.ReferralConsentRevoked;
import se.nexus.events.referral.ReferralDeclined;
import se.nexus.events.referral.ReferralReceived;
import se.nexus.events.referral.ReferralSubmitted;
import se.nexus.events.referral.ReferralWithdrawn;
import se.nexus.referral.referral.Referral;
import se.nexus.referral.referral.ReferralEvent;
import se.nexus.schemas.Topics;
import se.nexus.support.outbox.Outbox;

/**
 * Maps referral events to their Avro contract on {@code nexus.referrals}, keyed by referral id, and
 * writes them to the outbox in the transaction of the change. Only identifiers and codes leave the
 * service: never the summary.
 */
@Component
class ReferralEventPublisher {

    static final String PRODUCER = "referral-service";

    private final Outbox outbox;

    ReferralEventPublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    @EventListener
    void on(ReferralEvent.Submitted event) {
        Referral referral = event.referral();
        publish(event, ReferralSubmitted.newBuilder()
            .setMetadata(metadata(event)).setReferralId(referral.id().toString())
            .setFromAgency(referral.fromAgency()).setToAgency(referral.toAgency())
            .setSubject(subject(referral)).setUrgency(urgency(referral))
            .setConcerns(referral.concerns().stream().map(Enum::name).toList())
            .setLegalBasis(legalBasis(referral.legalBasis())).build());
    }

    @EventListener
    void on(ReferralEvent.Received event) {
        Referral referral = event.referral();
        publish(event, ReferralReceived.newBuilder()
            .setMetadata(metadata(event)).setReferralId(referral.id().toString())
            .setFromAgency(referral.fromAgency()).setToAgency(referral.toAgency())
            .setSubject(subject(referral)).setUrgency(urgency(referral)).build());
    }

    @EventListener
    void on(ReferralEvent.Accepted event) {
        Referral referral = event.referral();
        publish(event, ReferralAccepted.newBuilder()
            .setMetadata(metadata(event)).setReferralId(referral.id().toString())
            .setFromAgency(referral.fromAgency()).setToAgency(referral.toAgency())
            .setSubject(subject(referral)).setUrgency(urgency(referral)).build());
    }

    @EventListener
    void on(ReferralEvent.Declined event) {
        Referral referral = event.referral();
        publish(event, ReferralDeclined.newBuilder()
            .setMetadata(metadata(event)).setReferralId(referral.id().toString())
            .setFromAgency(referral.fromAgency()).setToAgency(referral.toAgency())
            .setSubject(subject(referral)).setUrgency(urgency(referral))
            .setReasonCode(event.reason().name()).build());
    }

    @EventListener
    void on(ReferralEvent.Withdrawn event) {
        Referral referral = event.referral();
        publish(event, ReferralWithdrawn.newBuilder()
            .setMetadata(metadata(event)).setReferralId(referral.id().toString())
            .setFromAgency(referral.fromAgency()).setToAgency(referral.toAgency())
            .setSubject(subject(referral)).setUrgency(urgency(referral)).build());
    }

    @EventListener
    void on(ReferralEvent.Closed event) {
        Referral referral = event.referral();
        publish(event, ReferralClosed.newBuilder()
            .setMetadata(metadata(event)).setReferralId(referral.id().toString())
            .setFromAgency(referral.fromAgency()).setToAgency(referral.toAgency())
            .setSubject(subject(referral)).setUrgency(urgency(referral))
            .setOwnerAgency(referral.ownerAgency()).build());
    }

    @EventListener
    void on(ReferralEvent.ConsentRevoked event) {
        Referral referral = event.referral();
        publish(event, ReferralConsentRevoked.newBuilder()
            .setMetadata(metadata(event)).setReferralId(referral.id().toString())
            .setFromAgency(referral.fromAgency()).setToAgency(referral.toAgency())
            .setSubject(subject(referral)).setUrgency(urgency(referral))
            .setConsentId(event.consentId().toString()).build());
    }

    private void publish(ReferralEvent event, SpecificRecord record) {
        outbox.append(Topics.REFERRALS, event.referral().id().toString(), event.eventId(), record);
    }

    static EventMetadata metadata(UUID eventId, java.time.Instant occurredAt, String agency, String userRef,
            String correlationId) {
        return EventMetadata.newBuilder()
            .setEventId(eventId.toString())
            .setOccurredAt(occurredAt)
            .setProducer(PRODUCER)
            .setActingAgency(agency)
            .setActingUserRef(userRef)
            .setCorrelationId(correlationId)
            .build();
    }

    private static EventMetadata metadata(ReferralEvent event) {
        return metadata(event.eventId(), event.occurredAt(), event.actor().agency(), event.actor().userRef(),
            event.referral().id().toString());
    }

    static Subject subject(Referral referral) {
        return new Subject(referral.subject().ref(), referral.subject().protectedIdentity());
    }

    static Urgency urgency(Referral referral) {
        return Urgency.valueOf(referral.urgency().name());
    }

    static se.nexus.events.LegalBasis legalBasis(se.nexus.referral.referral.LegalBasis basis) {
        return new se.nexus.events.LegalBasis(LegalBasisType.valueOf(basis.type().name()),
            basis.consentId() == null ? null : basis.consentId().toString(), basis.provisionCode());
    }
}
