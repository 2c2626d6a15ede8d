package se.nexus.support.deadletter;

import java.time.Instant;
import java.util.UUID;

/**
 * A dead letter or parked record as operators see it: where it was read, its key, type and state, never its content.
 *
 * @param reason the failure's exception classes, outermost first; never a message, which could quote the payload
 */
public record DeadLetter(UUID id, String consumerGroup, String topic, int partition, long offset, String key,
        DeadLetterStatus status, String eventType, String reason, Instant recordedAt, Instant closedAt,
        String closedBy) {
}
