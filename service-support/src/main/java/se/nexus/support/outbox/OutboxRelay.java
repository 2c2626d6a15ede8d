package se.nexus.support.outbox;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;

import se.nexus.support.locks.AdvisoryLocks;

/**
 * Publishes outbox rows to Kafka in batches, in insertion order per message key, and marks them published; the relays
 * of all instances of a service share the work by key partition.
 *
 * <p>A row's partition is the hash of its message key modulo {@code nexus.outbox.partitions}, computed when the row is
 * read, so all rows of a key are in one partition whatever their age. Each relay owns some partitions as session-level
 * advisory locks of a database session of its own ({@link RelaySession}), runs its batches on that session, and
 * publishes only its partitions' rows, in id order. Two relays therefore never publish one partition at once, and a key's
 * events leave in order: a partition changes hands only between batches, or when its owner's session ends, which aborts
 * the owner's open batch so none of it is marked published (its sends still in flight can only repeat events, which
 * consumers skip by event id). Transaction-scoped locks per batch would be just as safe, but they would not share the
 * work: whichever relay polled first would take every partition, batch after batch. So every {@code claim-interval}
 * each relay counts the running relays and claims free partitions, or gives up surplus ones, to hold an equal share.
 * When a relay stops, crashes or fails (Kafka or the database), its session ends and the others take its partitions
 * over at their next claim. A single relay holds every partition and reads with the same query as it always did.
 *
 * <p>Each batch is read, sent with all sends in flight at once, awaited, and marked published in one transaction; if
 * Kafka fails, the transaction rolls back, the rows stay unpublished and the relay backs off. A crash between send and
 * commit republishes a batch: consumers are idempotent on event id. Published rows are deleted by the retention job
 * ({@code nexus.retention.published-events}). Between batches the relay waits for the next commit that wrote to this
 * instance's outbox ({@link RelayWakeUp}) or {@code poll-interval}, whichever comes first; woken after a batch of
 * several rows, it first gathers commits for {@code gather}. See docs/architecture.md, section 5.1.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /**
     * The advisory lock every batch takes shared for its transaction. A session that holds it exclusively (an operator,
     * a test: {@code pg_advisory_lock}) holds every relay of the database back without failing them: it gets the lock
     * once the batches in flight are done, and the relays publish again once it is released.
     */
    public static final long RELAY_LOCK = AdvisoryLocks.RELAY;

    private final DataSource sessions;
    private final KafkaTemplate<String, Object> kafka;
    private final OutboxProperties properties;
    private volatile Set<Integer> partitions = Set.of();
    private volatile Thread worker;
    private final EventTrace trace;
    private final RelayWakeUp wakeUp;

    /** The {@code sessions} must open a connection of its own for each relay session, never a pooled one. */
    OutboxRelay(DataSource sessions, KafkaTemplate<String, Object> kafka, OutboxProperties properties) {
        this(sessions, kafka, properties, EventTrace.off(), new RelayWakeUp());
    }

    OutboxRelay(DataSource sessions, KafkaTemplate<String, Object> kafka, OutboxProperties properties,
            EventTrace trace, RelayWakeUp wakeUp) {
        this.trace = trace;
        this.wakeUp = wakeUp;
        this.sessions = sessions;
        this.kafka = kafka;
        this.properties = properties;
    }

    /** The partitions this relay owned at its last claim; none while it is stopped or backing off. */
    Set<Integer> partitions() {
        return partitions;
    }

    /** Publishes one batch of the session's partitions; returns how many rows it published (0 while held back). */
    int publishBatch(RelaySession session) {
        if (session.holdsNone()) {
            return 0;
        }
        Integer published = session.transactions().execute(status -> {
            if (!Boolean.TRUE.equals(session.jdbc().sql("SELECT pg_try_advisory_xact_lock_shared(?)").param(RELAY_LOCK)
                    .query(Boolean.class).single())) {
                return 0;
            }
            List<OutboxRow> rows = unpublished(session);
            if (rows.isEmpty()) {
                return 0;
            }
            sendAll(rows);
            session.jdbc().sql("UPDATE outbox SET published_at = now() WHERE id = ANY(?)")
                .param(rows.stream().map(OutboxRow::id).toArray(Long[]::new))
                .update();
            return rows.size();
        });
        return published == null ? 0 : published;
    }

    /** The oldest unpublished rows of the session's partitions; holding them all, the plain scan of the index. */
    private List<OutboxRow> unpublished(RelaySession session) {
        if (session.holdsAll()) {
            return session.jdbc().sql("""
                    SELECT id, topic, message_key, event_type, payload, traceparent FROM outbox
                    WHERE published_at IS NULL ORDER BY id LIMIT ?""")
                .param(properties.batchSize())
                .query(OutboxRow.class)
                .list();
        }
        // The key's partition: its hash without the sign bit, modulo the number of partitions.
        return session.jdbc().sql("""
                SELECT id, topic, message_key, event_type, payload, traceparent FROM outbox
                WHERE published_at IS NULL AND (hashtext(message_key) & 2147483647) % ? = ANY(?)
                ORDER BY id LIMIT ?""")
            .params(properties.partitions(), session.heldPartitions(), properties.batchSize())
            .query(OutboxRow.class)
            .list();
    }

    private void sendAll(List<OutboxRow> rows) {
        List<CompletableFuture<?>> sends = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            sends.add(trace.within(row.traceparent(), row.topic(),
                () -> kafka.send(row.topic(), row.messageKey(), decode(row))));
        }
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing the outbox", e);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not acknowledge an outbox batch", e);
        }
    }

    private static SpecificRecord decode(OutboxRow row) {
        try {
            return AvroBinary.decode(row.eventType(), row.payload());
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("Unreadable outbox row " + row.id(), e.getCause());
        }
    }

    private void run() {
        RelaySession session = null;
        Duration backoff = properties.pollInterval();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    session = session == null ? RelaySession.open(sessions, properties) : session;
                    if (session.claimShareIfDue()) {
                        partitions = session.held();
                    }
                    int published = publishBatch(session);
                    backoff = properties.pollInterval();
                    if (published < properties.batchSize() && wakeUp.await(properties.pollInterval()) && published > 1) {
                        Thread.sleep(properties.gather().toMillis());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    // Ending the session gives its partitions up to the relays that can publish them meanwhile.
                    session = end(session);
                    backoff = nextBackoff(backoff);
                    log.warn("Outbox relay failed ({}); retrying in {} ms", e.getMessage(), backoff.toMillis());
                    if (!sleep(backoff)) {
                        return;
                    }
                }
            }
        } finally {
            end(session);
        }
    }

    private RelaySession end(RelaySession session) {
        if (session != null) {
            session.close();
        }
        partitions = Set.of();
        return null;
    }

    private Duration nextBackoff(Duration current) {
        Duration doubled = current.multipliedBy(2);
        Duration floor = Duration.ofMillis(200);
        Duration next = doubled.compareTo(floor) < 0 ? floor : doubled;
        return next.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : next;
    }

    private static boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void start() {
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Lets the batch in flight finish (it commits or rolls back as a whole), then ends the relay's session, so that
     * the other relays take its partitions over.
     */
    @Override
    public void stop() {
        Thread current = worker;
        if (current == null) {
            return;
        }
        current.interrupt();
        try {
            current.join(properties.sendTimeout().toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker = null;
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }

    record OutboxRow(long id, String topic, String messageKey, String eventType, byte[] payload, String traceparent) {
    }
}
