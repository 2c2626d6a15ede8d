package se.nexus.referral.referral;

import java.time.Instant;
import java.util.UUID;

/** What happened to a referral; the messaging package maps each to its event on {@code nexus.referrals}. */
public sealed interface ReferralEvent {

    UUID eventId();

    Instant occurredAt();

    Actor actor();

    /** The referral as it stands after the change. */
    Referral referral();

    record Submitted(UUID eventId, Instant occurredAt, Actor actor, Referral referral) implements ReferralEvent {
    }

    record Received(UUID eventId, Instant occurredAt, Actor actor, Referral referral) implements ReferralEvent {
    }

    record Accepted(UUID eventId, Instant occurredAt, Actor actor, Referral referral) implements ReferralEvent {
    }

    record Declined(UUID eventId, Instant occurredAt, Actor actor, Referral referral, DeclineReason reason)
            implements ReferralEvent {
    }

    record Withdrawn(UUID eventId, Instant occurredAt, Actor actor, Referral referral) implements ReferralEvent {
    }

    record Closed(UUID eventId, Instant occurredAt, Actor actor, Referral referral) implements ReferralEvent {
    }

    /** The consent the referral's disclosure relied on was withdrawn or expired while the referral was open. */
    record ConsentRevoked(UUID eventId, Instant occurredAt, Actor actor, Referral referral, UUID consentId)
            implements ReferralEvent {
    }
}
