package se.nexus.referral.messaging;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import se.nexus.events.subject.SubjectErased;
import se.nexus.referral.erasure.ErasureEvent;
import se.nexus.schemas.Topics;
import se.nexus.support.outbox.Outbox;

/**
 * Maps erasures to {@code nexus.consents}, keyed by subject ref so that an erasure follows the subject's consent
 * events in order, through the outbox. The event says that text was erased and why, never what it said.
 */
@Component
class ErasureEventPublisher {

    private final Outbox outbox;

    ErasureEventPublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    @EventListener
    void on(ErasureEvent.SubjectErased event) {
        outbox.append(Topics.CONSENTS, event.subjectRef(), event.eventId(), SubjectErased.newBuilder()
            .setMetadata(ReferralEventPublisher.metadata(event.eventId(), event.occurredAt(), event.actor().agency(),
                event.actor().userRef(), event.eventId().toString()))
            .setSubjectRef(event.subjectRef()).setReason(event.reason().name()).build());
    }
}
