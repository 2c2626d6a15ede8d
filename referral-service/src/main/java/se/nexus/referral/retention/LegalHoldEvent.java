package se.nexus.referral.retention;

import java.time.Instant;
import java.util.UUID;

import se.nexus.referral.referral.Actor;

/**
 * A legal hold placed or lifted; published on {@code nexus.referrals} keyed by referral id, for the audit chain and
 * for the services that keep records of the referral. Not in the referral's history: the parties need not learn that
 * their handling of a case is being examined.
 */
public sealed interface LegalHoldEvent {

    UUID eventId();

    Instant occurredAt();

    Actor actor();

    UUID referralId();

    /** The referral is held (or held for another reason than before). */
    record Placed(UUID eventId, Instant occurredAt, Actor actor, UUID referralId, LegalHoldReason reason)
            implements LegalHoldEvent {
    }

    /** The referral is no longer held. */
    record Lifted(UUID eventId, Instant occurredAt, Actor actor, UUID referralId) implements LegalHoldEvent {
    }
}
