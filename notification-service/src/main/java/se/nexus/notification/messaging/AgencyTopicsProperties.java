package se.nexus.notification.messaging;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Agencies whose systems take their notifications from a Kafka topic of their own, {@code nexus.agency.<agency id>}
 * ({@code nexus.notification.agency-topics}), beside or instead of a webhook. The platform creates each topic and
 * grants it to the agency's certificate; this service only writes to it.
 *
 * @param agencies the ids of the agencies that asked for a topic
 */
@ConfigurationProperties("nexus.notification.agency-topics")
public record AgencyTopicsProperties(@DefaultValue List<String> agencies) {

    public AgencyTopicsProperties {
        agencies = agencies == null ? List.of()
            : agencies.stream().map(String::strip).filter(agency -> !agency.isEmpty()).toList();
        agencies.stream().filter(agency -> !agency.matches("[a-zA-Z0-9._-]+")).findFirst().ifPresent(agency -> {
            throw new IllegalArgumentException("nexus.notification.agency-topics.agencies: a Kafka topic cannot be "
                + "named after " + agency);
        });
    }

    boolean wants(String agency) {
        return agencies.contains(agency);
    }
}
