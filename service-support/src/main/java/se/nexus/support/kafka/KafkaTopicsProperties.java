package se.nexus.support.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Nexus topics as the services create them ({@code nexus.kafka}), where {@code nexus.kafka.create-topics} is
 * true (a broker without ACLs).
 *
 * @param topicPartitions partitions of each topic and dead-letter topic the services create; existing topics
 *     keep theirs
 */
@ConfigurationProperties("nexus.kafka")
public record KafkaTopicsProperties(@DefaultValue("3") int topicPartitions) {
}
