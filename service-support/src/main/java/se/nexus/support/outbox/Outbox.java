package se.nexus.support.outbox;

import java.util.List;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records an event for publication in the caller's database transaction; {@link OutboxRelay} publishes it, woken
 * when the transaction commits.
 */
public class Outbox {

    private static final String INSERT = """
            INSERT INTO outbox (topic, message_key, event_id, event_type, payload, traceparent)
            VALUES (?, ?, ?, ?, ?, ?)""";

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final EventTrace trace;
    private final RelayWakeUp wakeUp;

    Outbox(JdbcClient jdbc, JdbcTemplate batches, EventTrace trace, RelayWakeUp wakeUp) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.trace = trace;
        this.wakeUp = wakeUp;
    }

    /** One event to append with others. */
    public record Message(String topic, String key, UUID eventId, SpecificRecord event) {
    }

    /**
     * Appends several events in one round trip to the database (a JDBC batch); must run inside the transaction
     * that makes the state change they describe.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendAll(List<Message> messages) {
        String traceparent = trace.current();
        batches.batchUpdate(INSERT, messages, messages.size(), (statement, message) -> {
            statement.setString(1, message.topic());
            statement.setString(2, message.key());
            statement.setObject(3, message.eventId());
            statement.setString(4, message.event().getSchema().getFullName());
            statement.setBytes(5, AvroBinary.encode(message.event()));
            statement.setString(6, traceparent);
        });
        wakeUp.afterCommit();
    }

    /**
     * Appends an event; must run inside the transaction that makes the state change it describes,
     * so that both commit or neither does.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String topic, String key, UUID eventId, SpecificRecord event) {
        jdbc.sql("""
                INSERT INTO outbox (topic, message_key, event_id, event_type, payload, traceparent)
                VALUES (:topic, :key, :eventId, :eventType, :payload, :traceparent)""")
            .param("topic", topic)
            .param("key", key)
            .param("eventId", eventId)
            .param("eventType", event.getSchema().getFullName())
            .param("payload", AvroBinary.encode(event))
            .param("traceparent", trace.current())
            .update();
        wakeUp.afterCommit();
    }

}
