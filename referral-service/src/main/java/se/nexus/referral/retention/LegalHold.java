package se.nexus.referral.retention;

import java.time.Instant;
import java.util.UUID;

/** A referral's legal hold: why, and since when it is held. */
public record LegalHold(UUID referralId, LegalHoldReason reason, Instant since) {
}
