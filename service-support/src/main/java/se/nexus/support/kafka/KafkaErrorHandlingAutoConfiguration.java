package se.nexus.support.kafka;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import se.nexus.schemas.Topics;
import se.nexus.schemas.signing.EventSignatureException;
import se.nexus.support.database.DatabaseUnavailable;
import se.nexus.support.deadletter.DeadLetters;

/**
 * A message that cannot be read or processed is retried a bounded number of times, then published to
 * {@code <topic>.DLT} with the reason in headers; its partition keeps flowing. One that failed because the database
 * could not be reached is retried until it can. Unreadable messages go on
 * as the original bytes, readable ones as the record. Where the service keeps dead letters ({@link DeadLetters}), the
 * record is first recorded DEAD for its consumer group, on the consumer thread, so that the later records of its key
 * are parked behind it (docs/architecture.md section 5.3).
 */
@AutoConfiguration
public class KafkaErrorHandlingAutoConfiguration {

    static final long RETRY_INTERVAL_MS = 500;
    static final long RETRIES = 2;
    static final long DATABASE_RETRY_MAX_INTERVAL_MS = 5_000;
    /**
     * The header that says why a record is in the dead-letter topic: the exception classes down to the root cause
     * (Spring's own headers name only the outermost two, for an unreadable record both a DeserializationException),
     * and for a record refused for its signature that refusal's message, which names the topic and key id only.
     */
    public static final String REASON_HEADER = "nexus-dead-letter-reason";

    /** Records sent to their topic's dead-letter topic, by the topic they came from. */
    static final String DEAD_LETTERS = "nexus.kafka.dead.letters";

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<?, ?> records, KafkaProperties properties,
            ObjectProvider<MeterRegistry> meters, ObjectProvider<DeadLetters> deadLetters) {
        Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
        templates.put(byte[].class, rawTemplate(properties));
        templates.put(Object.class, records);
        MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
        var recoverer = new DeadLetterPublishingRecoverer(templates,
                (record, exception) -> new TopicPartition(Topics.deadLetterTopicOf(record.topic()), -1)) {

            @Override
            public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
                // Recorded before it is published: if the database is down, the record is retried rather than passed.
                deadLetters.ifAvailable(
                    store -> store.recordDead(consumer.groupMetadata().groupId(), record, exception));
                super.accept(record, consumer, exception);
                registry.counter(DEAD_LETTERS, "topic", record.topic()).increment();
            }
        };
        recoverer.setHeadersFunction((record, exception) -> reasonHeaders(exception));
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(RETRY_INTERVAL_MS, RETRIES));
        handler.setBackOffFunction((record, exception) -> backOffFor(exception));
        return handler;
    }

    /**
     * A record whose handling failed because the service's database could not be reached is not at fault: it is
     * tried again, at growing intervals up to {@link #DATABASE_RETRY_MAX_INTERVAL_MS}, until the database is back,
     * never sent to the dead-letter topic (that would take an event out of the audit chain, or a notification out of
     * an inbox, because PostgreSQL restarted). Any other failure gets the bounded retries (null: the default).
     */
    static BackOff backOffFor(Exception exception) {
        if (!DatabaseUnavailable.causedBy(exception)) {
            return null;
        }
        ExponentialBackOff untilBack = new ExponentialBackOff(RETRY_INTERVAL_MS, 2);
        untilBack.setMaxInterval(DATABASE_RETRY_MAX_INTERVAL_MS);
        return untilBack;
    }

    static RecordHeaders reasonHeaders(Exception exception) {
        String reason = DeadLetters.reason(exception);
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof EventSignatureException refused) {
                reason = reason + ": " + refused.getMessage();
                break;
            }
        }
        RecordHeaders headers = new RecordHeaders();
        if (reason != null) {
            headers.add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static KafkaTemplate<String, byte[]> rawTemplate(KafkaProperties properties) {
        Map<String, Object> config = new LinkedHashMap<>(properties.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
    }
}
