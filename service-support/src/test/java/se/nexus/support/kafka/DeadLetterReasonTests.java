package se.nexus.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;

import se.nexus.infrastructure.EventSigningKeys;
import se.nexus.schemas.signing.TrustedKeys;

/** The dead-letter topic says why a record is there, down to the root cause. */
class DeadLetterReasonTests {

    @Test
    void anUnsignedRecordSaysItWasUnsignedAndOnWhichTopic() throws Exception {
        Exception refused = refusal();
        Exception failure = new ListenerExecutionFailedException("listener failed",
            new DeserializationException("failed to deserialize", new byte[] { 1, 2 }, false, refused));

        String reason = reason(KafkaErrorHandlingAutoConfiguration.reasonHeaders(failure));

        assertThat(reason).isEqualTo(DeserializationException.class.getName() + " < " + refused.getClass().getName()
            + ": " + refused.getMessage()).contains("nexus.referrals").doesNotContain("listener failed");
    }

    @Test
    void anyOtherFailureGivesItsClassesOnlyNeverItsMessage() {
        Exception failure = new ListenerExecutionFailedException("x",
            new IllegalStateException("a message that could quote the record"));

        assertThat(reason(KafkaErrorHandlingAutoConfiguration.reasonHeaders(failure)))
            .isEqualTo(IllegalStateException.class.getName());
    }

    /** What a consumer that trusts keys says of a record without a signature. */
    private static Exception refusal() throws Exception {
        Path dir = Files.createTempDirectory("trusted");
        EventSigningKeys keys = EventSigningKeys.openOrCreate(dir);
        try {
            TrustedKeys.read(keys.trustedDir()).verify("nexus.referrals", new RecordHeaders(), new byte[] { 0 });
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("an unsigned record was accepted");
    }

    private static String reason(RecordHeaders headers) {
        return new String(headers.lastHeader(KafkaErrorHandlingAutoConfiguration.REASON_HEADER).value(),
            StandardCharsets.UTF_8);
    }
}
