package se.nexus.support.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to Kafka in batches, in insertion order, and marks them published.
 *
 * <p>Only one relay per database publishes at a time (a transaction-scoped advisory lock), which keeps
 * events in order per key even with several service instances: a per-row {@code SKIP LOCKED} would let a
 * second instance publish a later event of the same case before an earlier one. Each batch is read,
 * sent with all sends in flight at once, awaited, and marked published in one transaction; if Kafka fails,
 * the transaction rolls back, the rows stay unpublished and the relay backs off. A crash between send and
 * commit republishes a batch: consumers are idempotent on event id. Published rows are deleted by the retention
 * job ({@code nexus.retention.published-events}).
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /**
     * The advisory lock a relay takes for each batch. A session that holds it (an operator, a test) holds every relay
     * of the database back without failing them; they publish again once it is released.
     */
    public static final long RELAY_LOCK = 0x4E58_5553_0001L;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, Object> kafka;
    private final OutboxProperties properties;
    private final Map<String, SpecificDatumReader<SpecificRecord>> readers = new ConcurrentHashMap<>();
    private volatile Thread worker;

    OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, Object> kafka,
            OutboxProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.properties = properties;
    }

    /** Publishes one batch; returns how many rows it published (0 if another instance holds the relay). */
    public int publishBatch() {
        Integer published = transactions.execute(status -> {
            if (!Boolean.TRUE.equals(jdbc.sql("SELECT pg_try_advisory_xact_lock(?)").param(RELAY_LOCK)
                    .query(Boolean.class).single())) {
                return 0;
            }
            List<OutboxRow> rows = jdbc.sql("""
                    SELECT id, topic, message_key, event_type, payload FROM outbox
                    WHERE published_at IS NULL ORDER BY id LIMIT ?""")
                .param(properties.batchSize())
                .query(OutboxRow.class)
                .list();
            if (rows.isEmpty()) {
                return 0;
            }
            sendAll(rows);
            jdbc.sql("UPDATE outbox SET published_at = now() WHERE id = ANY(?)")
                .param(rows.stream().map(OutboxRow::id).toArray(Long[]::new))
                .update();
            return rows.size();
        });
        return published == null ? 0 : published;
    }

    private void sendAll(List<OutboxRow> rows) {
        List<CompletableFuture<?>> sends = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            sends.add(kafka.send(row.topic(), row.messageKey(), decode(row)));
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

    private SpecificRecord decode(OutboxRow row) {
        SpecificDatumReader<SpecificRecord> reader = readers.computeIfAbsent(row.eventType(), OutboxRelay::readerFor);
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(row.payload(), null));
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable outbox row " + row.id(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static SpecificDatumReader<SpecificRecord> readerFor(String eventType) {
        try {
            return new SpecificDatumReader<>((Class<SpecificRecord>) Class.forName(eventType));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("No event class " + eventType, e);
        }
    }

    private void run() {
        Duration backoff = properties.pollInterval();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                int published = publishBatch();
                backoff = properties.pollInterval();
                if (published < properties.batchSize()) {
                    Thread.sleep(properties.pollInterval().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                backoff = nextBackoff(backoff);
                log.warn("Outbox relay failed ({}); retrying in {} ms", e.getMessage(), backoff.toMillis());
                if (!sleep(backoff)) {
                    return;
                }
            }
        }
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

    /** Lets the batch in flight finish (it commits or rolls back as a whole), then stops. */
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

    record OutboxRow(long id, String topic, String messageKey, String eventType, byte[] payload) {
    }
}
