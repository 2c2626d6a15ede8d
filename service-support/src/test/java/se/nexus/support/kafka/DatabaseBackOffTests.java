package se.nexus.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * A record that failed because the database could not be reached is tried again until it can be, at intervals of at
 * most five seconds, and so never reaches the dead-letter topic; any other failure keeps the bounded retries.
 */
class DatabaseBackOffTests {

    @Test
    void aRecordThatFailedOnAnUnreachableDatabaseIsTriedAgainWithoutEnd() {
        Exception failure = new ListenerExecutionFailedException("Listener method threw exception",
            new BatchListenerFailedException("The audit log's database cannot be reached",
                new DataAccessResourceFailureException("terminating connection due to administrator command"), 0));

        BackOff backOff = KafkaErrorHandlingAutoConfiguration.backOffFor(failure);

        assertThat(backOff).isNotNull();
        BackOffExecution execution = backOff.start();
        long last = 0;
        for (int attempt = 0; attempt < 10_000; attempt++) {
            last = execution.nextBackOff();
            assertThat(last).isNotEqualTo(BackOffExecution.STOP);
        }
        assertThat(last).isEqualTo(KafkaErrorHandlingAutoConfiguration.DATABASE_RETRY_MAX_INTERVAL_MS);
    }

    @Test
    void anyOtherFailureKeepsTheBoundedRetries() {
        assertThat(KafkaErrorHandlingAutoConfiguration.backOffFor(
            new ListenerExecutionFailedException("Listener method threw exception",
                new DataIntegrityViolationException("duplicate key")))).isNull();
        assertThat(KafkaErrorHandlingAutoConfiguration.backOffFor(new IllegalStateException("unknown agency")))
            .isNull();
    }
}
