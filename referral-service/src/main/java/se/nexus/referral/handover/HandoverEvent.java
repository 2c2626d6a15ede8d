package se.nexus.referral.handover;

import java.time.Instant;
import java.util.UUID;

import se.nexus.referral.referral.Actor;
import se.nexus.referral.referral.LegalBasis;
import se.nexus.referral.referral.Referral;

/** What happened to a handover; published on {@code nexus.handovers} keyed by referral id. */
public sealed interface HandoverEvent {

    UUID eventId();

    Instant occurredAt();

    Actor actor();

    Handover handover();

    Referral referral();

    record Requested(UUID eventId, Instant occurredAt, Actor actor, Handover handover, Referral referral,
            LegalBasis legalBasis) implements HandoverEvent {
    }

    record Accepted(UUID eventId, Instant occurredAt, Actor actor, Handover handover, Referral referral)
            implements HandoverEvent {
    }

    record Declined(UUID eventId, Instant occurredAt, Actor actor, Handover handover, Referral referral)
            implements HandoverEvent {
    }

    record Cancelled(UUID eventId, Instant occurredAt, Actor actor, Handover handover, Referral referral)
            implements HandoverEvent {
    }
}
