package se.nexus.support.deadletter;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import se.nexus.events.EventMetadata;
import se.nexus.events.operations.DeadLetterReplayFailed;
import se.nexus.events.operations.DeadLetterReplayed;
import se.nexus.events.operations.DeadLetterResolved;
import se.nexus.schemas.Topics;
import se.nexus.support.deadletter.DeadLetters.Held;
import se.nexus.support.outbox.Outbox;
import se.nexus.support.security.Caller;

/**
 * What an operator does with a dead letter: replay it (apply it again, in this process) or resolve it (declare it
 * handled without applying it). Either way the records parked behind it are then applied in the order they came, each
 * in a savepoint of its own; one that fails in turn becomes the dead letter the rest wait behind. The status changes,
 * the effects and the event for the audit chain ({@code nexus.operations}, through the outbox) commit together.
 */
public class DeadLetterOperations {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterOperations.class);

    private final DeadLetters deadLetters;
    private final GroupListeners listeners;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final TransactionTemplate savepoints;
    private final String producer;
    private final Clock clock;

    DeadLetterOperations(DeadLetters deadLetters, GroupListeners listeners, Outbox outbox,
            TransactionTemplate transactions, String producer, Clock clock) {
        this.deadLetters = deadLetters;
        this.listeners = listeners;
        this.outbox = outbox;
        this.transactions = transactions;
        this.savepoints = new TransactionTemplate(transactions.getTransactionManager());
        this.savepoints.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.producer = producer;
        this.clock = clock;
    }

    /** What an action did: the dead letter as it is now, how many parked records were applied, how many still wait. */
    public record Outcome(DeadLetter deadLetter, int released, int stillParked) {
    }

    /** How many parked records were applied, and how many still wait behind one that failed in turn. */
    private record Released(int released, int stillParked) {
    }

    /** Applies the dead letter again; if it fails again nothing changes but the failed attempt's event. */
    public Outcome replay(UUID id, Caller operator) {
        try {
            return transactions.execute(status -> {
                Held head = dead(id);
                listeners.apply(head.deadLetter(), head.record());
                return close(head, DeadLetterStatus.REPLAYED, operator);
            });
        } catch (DeadLetterNotFound | DeadLetterNotDead refused) {
            throw refused;
        } catch (RuntimeException failure) {
            String reason = DeadLetters.reason(failure);
            log.warn("Replay of dead letter {} failed again ({})", id, reason);
            transactions.executeWithoutResult(status -> replayFailed(id, operator, reason));
            throw new DeadLetterFailedAgain(id, reason);
        }
    }

    /** Declares the dead letter handled without applying it, and releases what waits behind it. */
    public Outcome resolve(UUID id, Caller operator) {
        return transactions.execute(status -> close(dead(id), DeadLetterStatus.RESOLVED, operator));
    }

    private Held dead(UUID id) {
        Held held = deadLetters.lock(id).orElseThrow(() -> new DeadLetterNotFound(id));
        if (held.deadLetter().status() != DeadLetterStatus.DEAD) {
            throw new DeadLetterNotDead(id, held.deadLetter().status());
        }
        return held;
    }

    private Outcome close(Held head, DeadLetterStatus status, Caller operator) {
        Instant now = clock.instant();
        DeadLetter dead = head.deadLetter();
        deadLetters.close(dead.id(), status, operator.agency(), now);
        Released outcome = release(dead, operator, now);
        DeadLetter closed = new DeadLetter(dead.id(), dead.consumerGroup(), dead.topic(), dead.partition(),
            dead.offset(), dead.key(), status, dead.eventType(), dead.reason(), dead.recordedAt(), now,
            operator.agency());
        UUID eventId = UUID.randomUUID();
        EventMetadata metadata = metadata(eventId, operator, dead.id(), now);
        record(dead, eventId, status == DeadLetterStatus.REPLAYED ? replayed(metadata, dead, outcome)
            : resolved(metadata, dead, outcome));
        return new Outcome(closed, outcome.released(), outcome.stillParked());
    }

    /** Applies the records parked behind the dead letter, oldest first, unless another dead letter holds the key. */
    private Released release(DeadLetter dead, Caller operator, Instant now) {
        if (dead.key() == null || deadLetters.otherDead(dead.consumerGroup(), dead.key(), dead.id())) {
            return new Released(0, 0);
        }
        List<Held> parked = deadLetters.lockParked(dead.consumerGroup(), dead.key());
        for (int index = 0; index < parked.size(); index++) {
            Held next = parked.get(index);
            try {
                savepoints.executeWithoutResult(status -> {
                    listeners.apply(next.deadLetter(), next.record());
                    deadLetters.close(next.deadLetter().id(), DeadLetterStatus.RELEASED, operator.agency(), now);
                });
            } catch (RuntimeException failure) {
                deadLetters.markDead(next.deadLetter().id(), failure);
                log.warn("Released record {} failed ({}); it is now the dead letter its key waits behind",
                    next.deadLetter().id(), DeadLetters.reason(failure));
                return new Released(index, parked.size() - index - 1);
            }
        }
        return new Released(parked.size(), 0);
    }

    private void replayFailed(UUID id, Caller operator, String reason) {
        DeadLetter dead = deadLetters.find(id).orElseThrow(() -> new DeadLetterNotFound(id));
        UUID eventId = UUID.randomUUID();
        record(dead, eventId, DeadLetterReplayFailed.newBuilder()
            .setMetadata(metadata(eventId, operator, id, clock.instant()))
            .setDeadLetterId(id.toString()).setConsumerGroup(dead.consumerGroup()).setTopic(dead.topic())
            .setPartition(dead.partition()).setOffset(dead.offset()).setMessageKey(dead.key())
            .setEventType(dead.eventType()).setReason(reason == null ? "unknown" : reason).build());
    }

    private static DeadLetterReplayed replayed(EventMetadata metadata, DeadLetter dead, Released outcome) {
        return DeadLetterReplayed.newBuilder().setMetadata(metadata).setDeadLetterId(dead.id().toString())
            .setConsumerGroup(dead.consumerGroup()).setTopic(dead.topic()).setPartition(dead.partition())
            .setOffset(dead.offset()).setMessageKey(dead.key()).setEventType(dead.eventType())
            .setReleased(outcome.released()).setStillParked(outcome.stillParked()).build();
    }

    private static DeadLetterResolved resolved(EventMetadata metadata, DeadLetter dead, Released outcome) {
        return DeadLetterResolved.newBuilder().setMetadata(metadata).setDeadLetterId(dead.id().toString())
            .setConsumerGroup(dead.consumerGroup()).setTopic(dead.topic()).setPartition(dead.partition())
            .setOffset(dead.offset()).setMessageKey(dead.key()).setEventType(dead.eventType())
            .setReleased(outcome.released()).setStillParked(outcome.stillParked()).build();
    }

    private void record(DeadLetter dead, UUID eventId, SpecificRecord event) {
        outbox.append(Topics.OPERATIONS, dead.consumerGroup(), eventId, event);
    }

    private EventMetadata metadata(UUID eventId, Caller operator, UUID deadLetterId, Instant now) {
        return EventMetadata.newBuilder().setEventId(eventId.toString()).setOccurredAt(now)
            .setProducer(producer).setActingAgency(operator.agency())
            .setActingUserRef(operator.userRef() == null ? "" : operator.userRef())
            .setCorrelationId(deadLetterId.toString()).build();
    }
}
