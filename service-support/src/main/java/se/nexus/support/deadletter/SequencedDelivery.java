package se.nexus.support.deadletter;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps each key's records in order behind a dead letter, as Axon's sequenced dead-letter queue does: a record whose
 * key has a DEAD or PARKED row in its consumer group is parked instead of given to the listener, and the container
 * moves on; records of other keys are not held up.
 *
 * <p>Most records find no open row for their key, and learn that from one indexed read without a lock. Only this
 * consumer thread can open a key of its partitions (the error handler records the dead letter here, before the next
 * record), so a key read as free stays free until this record is handled. A key read as open is checked again in a
 * transaction that holds its rows FOR SHARE: a release in progress (which holds them FOR UPDATE) is waited for, and
 * once it has committed the record goes on to the listener after the ones released.
 */
class SequencedDelivery implements RecordInterceptor<Object, Object> {

    private static final Logger log = LoggerFactory.getLogger(SequencedDelivery.class);

    private final DeadLetters deadLetters;
    private final TransactionTemplate transactions;
    private final DeadLetterMeters meters;

    SequencedDelivery(DeadLetters deadLetters, TransactionTemplate transactions, DeadLetterMeters meters) {
        this.deadLetters = deadLetters;
        this.transactions = transactions;
        this.meters = meters;
    }

    @Override
    public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
            Consumer<Object, Object> consumer) {
        String key = DeadLetters.key(record);
        if (key == null) {
            return record;
        }
        String group = consumer.groupMetadata().groupId();
        meters.watch(group);
        if (!deadLetters.anyOpen(group, key)) {
            return record;
        }
        if (Boolean.TRUE.equals(transactions.execute(status -> deadLetters.parkIfWaiting(group, record)))) {
            // Where, never what: the key is a referral id, the content is not logged.
            log.info("Parked {}-{}@{} for group {} behind a dead letter of its key", record.topic(), record.partition(),
                record.offset(), group);
            return null;
        }
        return record;
    }
}
