package se.nexus.support.deadletter;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Deserializer;
import org.springframework.beans.BeanUtils;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.GenericMessageListener;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.ListenerUtils;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.util.ClassUtils;

/**
 * Applies a stored record to its consumer group's listener in this process, as the container would have: the same
 * listener object, so the same handlers, conversions and idempotency. The caller's transaction is the listener's
 * (its {@code @Transactional} work joins it), so an operator's action and its effect commit together or not at all.
 * Replaying here rather than republishing to the topic keeps other services' topics theirs alone, keeps other groups
 * from seeing the record again, and works on whichever instance the operator reaches.
 */
class GroupListeners {

    private static final LogAccessor LOG = new LogAccessor(GroupListeners.class);

    private final KafkaListenerEndpointRegistry registry;
    private final ConsumerFactory<?, ?> consumers;
    private Deserializer<?> rawDeserializer;

    GroupListeners(KafkaListenerEndpointRegistry registry, ConsumerFactory<?, ?> consumers) {
        this.registry = registry;
        this.consumers = consumers;
    }

    /** Hands the record to the group's listener; throws what the listener throws, or if it cannot be read. */
    void apply(DeadLetter where, StoredRecord stored) {
        Object value = value(where, stored);
        ConsumerRecord<Object, Object> record = new ConsumerRecord<>(where.topic(), where.partition(), where.offset(),
            System.currentTimeMillis(), TimestampType.CREATE_TIME, -1, -1, where.key(), value, stored.headers(),
            Optional.empty());
        invoke(listenerOf(where.consumerGroup()), record);
    }

    private Object value(DeadLetter where, StoredRecord stored) {
        if (StoredRecord.AVRO.equals(stored.format()) && stored.payload() != null) {
            return stored.decode();
        }
        if (StoredRecord.RAW.equals(stored.format()) && stored.payload() != null) {
            RecordHeaders headers = stored.headers();
            Object value = rawDeserializer().deserialize(where.topic(), headers, stored.payload());
            if (value == null) {
                Header failure = headers.lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER);
                DeserializationException unreadable = failure == null ? null
                        : SerializationUtils.byteArrayToDeserializationException(LOG, failure);
                throw unreadable != null ? unreadable : new StillUnreadable();
            }
            return value;
        }
        throw new NotReplayable();
    }

    private Object listenerOf(String group) {
        for (MessageListenerContainer container : registry.getAllListenerContainers()) {
            if (group.equals(container.getGroupId())) {
                return container.getContainerProperties().getMessageListener();
            }
        }
        throw new IllegalStateException("No listener of consumer group " + group + " in this service");
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static void invoke(Object listener, ConsumerRecord<Object, Object> record) {
        GenericMessageListener generic = (GenericMessageListener) listener;
        Object data = listener instanceof BatchMessageListener ? List.of(record) : record;
        switch (ListenerUtils.determineListenerType(listener)) {
            case ACKNOWLEDGING_CONSUMER_AWARE -> generic.onMessage(data, null, null);
            case ACKNOWLEDGING -> generic.onMessage(data, (Acknowledgment) null);
            case CONSUMER_AWARE -> generic.onMessage(data, (Consumer) null);
            default -> generic.onMessage(data);
        }
    }

    /** The group's configured value deserializer, for records stored as the bytes that came off the topic. */
    private synchronized Deserializer<?> rawDeserializer() {
        if (rawDeserializer == null) {
            Map<String, Object> config = consumers.getConfigurationProperties();
            Object configured = config.get(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
            try {
                Class<?> type = configured instanceof Class<?> c ? c
                        : ClassUtils.forName(configured.toString(), getClass().getClassLoader());
                Deserializer<?> deserializer = (Deserializer<?>) BeanUtils.instantiateClass(type);
                deserializer.configure(config, false);
                rawDeserializer = deserializer;
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("No value deserializer " + configured, e);
            }
        }
        return rawDeserializer;
    }

    /** The stored bytes still cannot be read. */
    static final class StillUnreadable extends RuntimeException {
        StillUnreadable() {
            super("The record still cannot be read", null, false, false);
        }
    }

    /** Nothing of the record was kept that could be applied; it can only be resolved. */
    static final class NotReplayable extends RuntimeException {
        NotReplayable() {
            super("Nothing of the record was kept to apply", null, false, false);
        }
    }
}
