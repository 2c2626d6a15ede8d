package se.nexus.referral.protection;

import java.util.UUID;

/** A subject's data key as stored: wrapped by the master key it names, never in clear. */
public record SubjectKey(UUID id, String masterKeyId, byte[] wrapped) {
}
