package se.nexus.support.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;

import se.nexus.support.security.SecurityProperties.EndpointRole;

/** What is kept of a failure and of a record, and who may reach the admin API. */
class DeadLetterRulesTests {

    @Test
    void aReasonNamesTheExceptionClassesButNeverTheirMessages() {
        var failure = new ListenerExecutionFailedException("Listener failed",
            new IllegalStateException("referral 1234 of Anna", new NumberFormatException("For input: 19121212-1212")));
        assertThat(DeadLetters.reason(failure))
            .isEqualTo("java.lang.IllegalStateException < java.lang.NumberFormatException")
            .doesNotContain("Anna").doesNotContain("1212");
    }

    @Test
    void anUnreadableRecordIsKeptAsTheBytesThatCameOffTheTopic() {
        byte[] bytes = { 0, 0, 0, 0x7f, 1, 2 };
        var record = new ConsumerRecord<Object, Object>("nexus.referrals", 0, 7L, "r-1", null);
        StoredRecord stored = StoredRecord.of(record, new ListenerExecutionFailedException("failed",
            new DeserializationException("unreadable", bytes, false, new IllegalArgumentException())));
        assertThat(stored.format()).isEqualTo(StoredRecord.RAW);
        assertThat(stored.payload()).isEqualTo(bytes);
        assertThat(stored.eventType()).isNull();
    }

    @Test
    void theAdminApiMustBeForOperatorsOnlyAndNotShadowedByABroaderRule() {
        assertThatCode(() -> DeadLetterAutoConfiguration.requireOperatorsOnly(List.of(
            new EndpointRole("/api/v1/**", List.of("COORDINATOR")),
            new EndpointRole("/api/admin/**", List.of("OPERATOR"))))).doesNotThrowAnyException();
        assertThatThrownBy(() -> DeadLetterAutoConfiguration.requireOperatorsOnly(List.of(
            new EndpointRole("/api/v1/**", List.of("COORDINATOR"))))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> DeadLetterAutoConfiguration.requireOperatorsOnly(List.of(
            new EndpointRole("/api/**", List.of("COORDINATOR")),
            new EndpointRole("/api/admin/**", List.of("OPERATOR"))))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> DeadLetterAutoConfiguration.requireOperatorsOnly(List.of(
            new EndpointRole("/api/admin/**", List.of("OPERATOR", "COORDINATOR")))))
            .isInstanceOf(IllegalStateException.class);
    }
}
