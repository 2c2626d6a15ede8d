package se.nexus.support.access;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

import se.nexus.events.EventMetadata;
import se.nexus.events.access.AccessRefused;
import se.nexus.events.access.CaseAccessed;
import se.nexus.schemas.Topics;
import se.nexus.support.outbox.Outbox;

/**
 * Records who read which case data, and who was refused, as events on {@code nexus.access} through the outbox, so
 * they reach the audit chain like every change. An answer that discloses case data waits until its reads are
 * committed, and is withheld (503) if they cannot be: nothing is disclosed unlogged. Concurrent requests share one
 * transaction (group commit): one writer thread takes whatever is waiting, up to {@code maxBatch}, and commits it at
 * once, so the log costs a request a queue hop, not a transaction of its own.
 */
public class AccessLog implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AccessLog.class);

    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final AccessLogProperties properties;
    private final String producer;
    private final Clock clock;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile Thread writer;

    public AccessLog(Outbox outbox, TransactionTemplate transactions, AccessLogProperties properties, String producer,
            Clock clock) {
        this.outbox = outbox;
        this.transactions = transactions;
        this.properties = properties;
        this.producer = producer;
        this.clock = clock;
    }

    /** The console's client id, by which its requests are told from other clients'. */
    public String consoleClientId() {
        return properties.consoleClientId();
    }

    /** The current caller, as the access events name it; null outside an authenticated request. */
    public AccessContext caller() {
        return AccessContext.current(properties.consoleClientId());
    }

    /** Records that the current caller was shown these records, and returns once that is committed. */
    public void read(List<AccessedRecord> records) {
        read(caller(), records);
    }

    /** Records that this caller was shown these records (for a stream, whose sends run outside the request). */
    public void read(AccessContext reader, List<AccessedRecord> records) {
        if (!properties.enabled() || reader == null || records.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<Event> events = records.stream().map(record -> accessed(reader, record, now)).toList();
        await(submit(events));
    }

    /** Records a refusal; the refusal is answered whether or not the log keeps up. */
    public void refused(AccessContext caller, Refusal refusal) {
        if (!properties.enabled() || caller == null || caller.agency() == null) {
            return;
        }
        submit(List.of(refusedEvent(caller, refusal, clock.instant())));
    }

    private Event accessed(AccessContext reader, AccessedRecord record, Instant now) {
        UUID id = UUID.randomUUID();
        return new Event(reader.agency(), id, CaseAccessed.newBuilder()
            .setMetadata(metadata(id, now, reader, record.referralId() != null ? record.referralId() : record.recordId()))
            .setRecordType(record.recordType()).setRecordId(record.recordId()).setReferralId(record.referralId())
            .setSubjectRef(record.subjectRef()).setFreeTextRevealed(record.freeTextRevealed())
            .setRole(reader.role() == null ? "" : reader.role()).setHolder(reader.holder()).setChannel(reader.channel())
            .build());
    }

    private Event refusedEvent(AccessContext caller, Refusal refusal, Instant now) {
        UUID id = UUID.randomUUID();
        return new Event(caller.agency(), id, AccessRefused.newBuilder()
            .setMetadata(metadata(id, now, caller, id.toString()))
            .setOutcome(refusal.outcome()).setRequest(refusal.request()).setRecordType(refusal.recordType())
            .setRecordId(refusal.recordId()).setReferralId(refusal.referralId()).setSubjectRef(refusal.subjectRef())
            .setRole(caller.role()).setChannel(caller.channel()).build());
    }

    private EventMetadata metadata(UUID id, Instant now, AccessContext who, String correlation) {
        return EventMetadata.newBuilder().setEventId(id.toString()).setOccurredAt(now).setProducer(producer)
            .setActingAgency(who.agency()).setActingUserRef(who.userRef() == null ? "" : who.userRef())
            .setCorrelationId(correlation).build();
    }

    private CompletableFuture<Void> submit(List<Event> events) {
        Pending pending = new Pending(events, new CompletableFuture<>());
        if (writer == null) {
            pending.done().completeExceptionally(new IllegalStateException("The access log is not running"));
        } else {
            queue.add(pending);
        }
        return pending.done();
    }

    private void await(CompletableFuture<Void> done) {
        try {
            done.get(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AccessLogUnavailable();
        } catch (ExecutionException | TimeoutException e) {
            log.error("Reads could not be recorded ({}); the answer is withheld", e.getClass().getSimpleName());
            throw new AccessLogUnavailable();
        }
    }

    /** The writer: waits for the first request, takes whatever else waits, commits all of it in one transaction. */
    private void write() {
        List<Pending> batch = new ArrayList<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            queue.drainTo(batch, properties.maxBatch() - 1);
            commit(batch);
            batch.clear();
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(pending -> pending.done().completeExceptionally(new IllegalStateException("Stopped")));
    }

    private void commit(List<Pending> batch) {
        try {
            // One round trip for the whole batch: the writer, not each request, pays for the database.
            transactions.executeWithoutResult(status -> outbox.appendAll(batch.stream().flatMap(pending -> pending.events()
                .stream()).map(event -> new Outbox.Message(Topics.ACCESS, event.key(), event.id(), event.value())).toList()));
            batch.forEach(pending -> pending.done().complete(null));
        } catch (RuntimeException e) {
            batch.forEach(pending -> pending.done().completeExceptionally(e));
        }
    }

    @Override
    public void start() {
        Thread thread = new Thread(this::write, "access-log");
        thread.setDaemon(true);
        writer = thread;
        thread.start();
    }

    /** Stops after the web server has drained its requests (a lower phase stops later). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }

    @Override
    public void stop() {
        Thread thread = writer;
        writer = null;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return writer != null;
    }

    /** A refusal to record; the ids are those the request named or the service found. */
    public record Refusal(String outcome, String request, String recordType, String recordId, String referralId,
            String subjectRef) {

        public static final String NOT_FOUND = "NOT_FOUND";
        public static final String FORBIDDEN = "FORBIDDEN";
        public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    }

    private record Event(String key, UUID id, SpecificRecord value) {
    }

    private record Pending(List<Event> events, CompletableFuture<Void> done) {
    }
}
