package se.nexus.audit.messaging;

import org.springframework.transaction.support.TransactionTemplate;

import se.nexus.audit.followup.AccessFollowUp;
import se.nexus.audit.log.StoredEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

import se.nexus.audit.log.AuditLog;
import se.nexus.audit.log.NewEntry;
import se.nexus.support.database.DatabaseUnavailable;

/**
 * Appends every event of every {@code nexus.*} topic except the dead-letter topics, a polled batch in one
 * transaction. An unreadable record ends the batch: what came before it is appended, it goes to the DLT.
 */
@Component
class AuditListener {

    private static final Logger log = LoggerFactory.getLogger(AuditListener.class);
    private static final LogAccessor LOG = new LogAccessor(AuditListener.class);

    private final AuditLog auditLog;
    private final AccessFollowUp followUp;
    private final TransactionTemplate transactions;
    private final IngestProperties properties;

    private final Timer appendLag;
    private final AppendSpans spans;

    AuditListener(AuditLog auditLog, AccessFollowUp followUp, TransactionTemplate transactions,
            IngestProperties properties, MeterRegistry meters, ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator) {
        this.auditLog = auditLog;
        this.followUp = followUp;
        this.transactions = transactions;
        this.properties = properties;
        this.spans = new AppendSpans(tracer.getIfAvailable(), propagator.getIfAvailable());
        this.appendLag = Timer.builder("nexus.audit.append.lag")
            .description("From an event's arrival in Kafka to its entry in the audit chain")
            .publishPercentileHistogram().register(meters);
        Gauge.builder("nexus.audit.chain.length", auditLog, log -> log.head().length())
            .description("Entries in the audit chain").register(meters);
    }

    /** The topics to take in, read by the listener annotation below ({@code __listener} is this bean). */
    public String topicPattern() {
        return properties.topicPattern();
    }

    @KafkaListener(id = "audit-ingest", topicPattern = "#{__listener.topicPattern()}", batch = "true")
    void onEvents(List<ConsumerRecord<String, Object>> records) {
        AppendSpans.Batch traced = spans.start(records);
        try {
            append(records);
        } catch (RuntimeException | Error e) {
            traced.end(e);
            throw e;
        }
        traced.end(null);
    }

    private void append(List<ConsumerRecord<String, Object>> records) {
        List<NewEntry> entries = new ArrayList<>(records.size());
        for (int index = 0; index < records.size(); index++) {
            ConsumerRecord<String, Object> record = records.get(index);
            if (!(record.value() instanceof GenericRecord event)) {
                appendAll(entries);
                // Only where it was: the payload may hold anything. With the deserializer's failure as its cause the
                // error handler knows it cannot succeed on a retry and sends it to the DLT at once: retried, each
                // unreadable record held the whole log back by a second (the fault suite's poison round).
                throw new BatchListenerFailedException("Unreadable record on " + record.topic(),
                    SerializationUtils.getExceptionFromHeader(record,
                        SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG), index);
            }
            entries.add(EventFields.of(record, event));
        }
        appendAll(entries);
        long now = System.currentTimeMillis();
        records.forEach(record -> appendLag.record(Math.max(0, now - record.timestamp()), TimeUnit.MILLISECONDS));
    }

    private void appendAll(List<NewEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try {
            commit(entries);
        } catch (RuntimeException e) {
            if (DatabaseUnavailable.causedBy(e)) {
                // Named as the first record's failure, the error handler's back-off for an unreachable database
                // applies: the batch is read again until the database is back, never dead-lettered, since a batch
                // failure would otherwise end in the DLT after the bounded retries and out of the chain.
                throw new BatchListenerFailedException("The audit log's database cannot be reached", e, 0);
            }
            throw e;
        }
    }

    private void commit(List<NewEntry> entries) {
        // The follow-up judges what was appended in the same transaction: each entry is judged once, with the chain.
        int appended = transactions.execute(status -> {
            List<StoredEntry> stored = auditLog.append(entries);
            followUp.examine(stored);
            return stored.size();
        });
        log.debug("Appended {} of {} events ({} already in the log)", appended, entries.size(), entries.size() - appended);
    }
}
