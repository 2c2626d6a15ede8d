package se.nexus.referral.erasure;

import java.time.Instant;
import java.util.UUID;

import se.nexus.referral.referral.Actor;

/** What an erasure did; published on {@code nexus.consents} keyed by subject ref, with no content. */
public sealed interface ErasureEvent {

    UUID eventId();

    Instant occurredAt();

    Actor actor();

    /** Every summary and decline comment about the subject became unreadable. */
    record SubjectErased(UUID eventId, Instant occurredAt, Actor actor, String subjectRef, ErasureReason reason)
            implements ErasureEvent {
    }
}
