package se.nexus.support.kafka;

import java.util.stream.Stream;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

import se.nexus.schemas.Topics;

/**
 * Creates the Nexus topics and their dead-letter topics at start-up instead of leaving it to the
 * first send. An idempotent producer writing to a partition the broker is still creating can get
 * stuck on out-of-order sequence errors until its send times out, which made the outbox publish a
 * batch twice; with the topics in place before the first send that cannot happen. Existing topics are
 * left as they are; the replication factor is the broker's default.
 *
 * <p>Off unless {@code nexus.kafka.create-topics=true}: on a broker with ACLs (deny by default) the topics are the
 * platform's, created with their grants before any service starts (the local stack and the tests do it, compose's
 * kafka-setup), and no service may create or even describe another's topics. Only for a broker without ACLs.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "nexus.kafka", name = "create-topics", havingValue = "true")
@EnableConfigurationProperties(KafkaTopicsProperties.class)
public class KafkaTopicsAutoConfiguration {

    @Bean
    KafkaAdmin.NewTopics nexusTopics(KafkaTopicsProperties properties) {
        return new KafkaAdmin.NewTopics(Topics.all().stream()
            .flatMap(topic -> Stream.of(topic, Topics.deadLetterTopicOf(topic)))
            .map(topic -> TopicBuilder.name(topic).partitions(properties.topicPartitions()).build())
            .toArray(NewTopic[]::new));
    }
}
