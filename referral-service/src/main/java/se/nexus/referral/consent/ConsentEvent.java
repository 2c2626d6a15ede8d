package se.nexus.referral.consent;

import java.time.Instant;
import java.util.UUID;

import se.nexus.referral.referral.Actor;

/** What happened to a consent; published on {@code nexus.consents} keyed by subject ref. */
public sealed interface ConsentEvent {

    UUID eventId();

    Instant occurredAt();

    Actor actor();

    Consent consent();

    record Granted(UUID eventId, Instant occurredAt, Actor actor, Consent consent) implements ConsentEvent {
    }

    record Withdrawn(UUID eventId, Instant occurredAt, Actor actor, Consent consent) implements ConsentEvent {
    }

    /** Ended by the passing of its last valid day; the actor is the service itself. */
    record Expired(UUID eventId, Instant occurredAt, Actor actor, Consent consent) implements ConsentEvent {
    }
}
