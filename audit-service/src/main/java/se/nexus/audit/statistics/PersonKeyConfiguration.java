package se.nexus.audit.statistics;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import se.nexus.audit.keyfile.DevelopmentKeyFile;

/**
 * The statistics' person key from {@code NEXUS_STATISTICS_PERSON_KEY}; without one, development mode generates a key
 * and keeps it in a local file, and says so loudly: whoever reads that file can test a ref against the hashes.
 */
@Configuration(proxyBeanMethods = false)
class PersonKeyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PersonKeyConfiguration.class);

    @Bean
    PersonKey statisticsPersonKey(StatisticsProperties properties) {
        if (properties.personKey() != null && !properties.personKey().isBlank()) {
            return PersonKey.fromBase64(properties.personKey());
        }
        return developmentKey(properties.devKeyFile());
    }

    private static PersonKey developmentKey(Path file) {
        if (file == null) {
            throw new IllegalStateException(
                "Set NEXUS_STATISTICS_PERSON_KEY (or nexus.statistics.dev-key-file for development)");
        }
        PersonKey key = PersonKey.fromBase64(
            DevelopmentKeyFile.readOrCreate(file, () -> PersonKey.generate().base64()));
        log.warn("DEVELOPMENT MODE: no NEXUS_STATISTICS_PERSON_KEY is configured; the statistics hash people with a "
            + "development key kept in {}. Configure a real key for any deployment.", file.toAbsolutePath());
        return key;
    }
}
