package se.nexus.referral.messaging;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import se.nexus.events.consent.ConsentExpired;
import se.nexus.events.consent.ConsentGranted;
import se.nexus.events.consent.ConsentWithdrawn;
import se.nexus.referral.consent.Consent;
import se.nexus.referral.consent.ConsentEvent;
import se.nexus.schemas.Topics;
import se.nexus.support.outbox.Outbox;

/** Maps consent events to {@code nexus.consents}, keyed by subject ref, through the outbox. */
@Component
class ConsentEventPublisher {

    private final Outbox outbox;

    ConsentEventPublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    @EventListener
    void on(ConsentEvent.Granted event) {
        Consent consent = event.consent();
        outbox.append(Topics.CONSENTS, consent.subjectRef(), event.eventId(), ConsentGranted.newBuilder()
            .setMetadata(metadata(event)).setConsentId(consent.id().toString()).setSubjectRef(consent.subjectRef())
            .setGrantedTo(consent.grantedTo()).setPurpose(consent.purpose().name())
            .setDataCategories(consent.dataCategories()).setValidFrom(consent.validFrom())
            .setValidUntil(consent.validUntil()).setObtained(consent.obtained()).build());
    }

    @EventListener
    void on(ConsentEvent.Withdrawn event) {
        Consent consent = event.consent();
        outbox.append(Topics.CONSENTS, consent.subjectRef(), event.eventId(), ConsentWithdrawn.newBuilder()
            .setMetadata(metadata(event)).setConsentId(consent.id().toString()).setSubjectRef(consent.subjectRef())
            .setGrantedTo(consent.grantedTo()).build());
    }

    @EventListener
    void on(ConsentEvent.Expired event) {
        Consent consent = event.consent();
        outbox.append(Topics.CONSENTS, consent.subjectRef(), event.eventId(), ConsentExpired.newBuilder()
            .setMetadata(metadata(event)).setConsentId(consent.id().toString()).setSubjectRef(consent.subjectRef())
            .setGrantedTo(consent.grantedTo()).build());
    }

    private static se.nexus.events.EventMetadata metadata(ConsentEvent event) {
        return ReferralEventPublisher.metadata(event.eventId(), event.occurredAt(), event.actor().agency(),
            event.actor().userRef(), event.consent().id().toString());
    }
}
