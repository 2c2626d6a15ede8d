package se.nexus.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import se.nexus.infrastructure.EventSigningKeys;
import se.nexus.infrastructure.KafkaAccess;

/** A service that signs its events does not start without its key and the keys it trusts. */
class EventSigningAutoConfigurationTests {

    @TempDir
    Path dir;

    @Configuration
    @EnableConfigurationProperties(KafkaProperties.class)
    static class WithKafkaProperties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(EventSigningAutoConfiguration.class))
        .withUserConfiguration(WithKafkaProperties.class)
        .withPropertyValues("nexus.kafka.signed-events=true");

    @Test
    void startsWithItsKeyAndTheTrustedKeys() {
        EventSigningKeys keys = EventSigningKeys.openOrCreate(dir);
        runner.withPropertyValues("spring.kafka.properties.nexus.signing.key=" + keys.keyFile(KafkaAccess.AUDIT_SERVICE),
                "spring.kafka.properties.nexus.signing.trusted=" + keys.trustedDir())
            .run(context -> assertThat(context).hasNotFailed()
                .hasSingleBean(EventSigningAutoConfiguration.EventSigningKeys.class));
    }

    @Test
    void refusesToStartWithABlankKeyRatherThanSignNothing() {
        EventSigningKeys keys = EventSigningKeys.openOrCreate(dir);
        runner.withPropertyValues("spring.kafka.properties.nexus.signing.key=",
                "spring.kafka.properties.nexus.signing.trusted=" + keys.trustedDir())
            .run(context -> assertThat(context).hasFailed().getFailure()
                .hasStackTraceContaining("NEXUS_KAFKA_SIGNING_KEY"));
    }

    @Test
    void refusesToStartWithoutTrustedKeysRatherThanCheckNothing() {
        EventSigningKeys keys = EventSigningKeys.openOrCreate(dir);
        runner.withPropertyValues("spring.kafka.properties.nexus.signing.key=" + keys.keyFile(KafkaAccess.AUDIT_SERVICE))
            .run(context -> assertThat(context).hasFailed().getFailure()
                .hasStackTraceContaining("NEXUS_KAFKA_TRUSTED_KEYS"));
    }
}
