package se.nexus.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import se.nexus.events.EventMetadata;
import se.nexus.events.LegalBasis;
import se.nexus.events.LegalBasisType;
import se.nexus.events.Subject;
import se.nexus.events.Urgency;
import se.nexus.events.referral.ReferralSubmitted;
import se.nexus.infrastructure.KafkaAccess;
import se.nexus.infrastructure.SharedInfrastructure;
import se.nexus.schemas.Topics;
import se.nexus.schemas.registry.KafkaAvroSerializer;
import se.nexus.support.test.ApiClient;

/** Case events sent over real Kafka, tokens, and inbox reads, for the integration tests. */
final class CaseEventsTestData {

    static final String SENDER = "se.uppsala.socialtjanst";
    static final String RESOURCE_CENTRE = "se.uppsala.nexus";

    private CaseEventsTestData() {
    }

    static ReferralSubmitted submitted(String toAgency, boolean protectedIdentity) {
        String referralId = UUID.randomUUID().toString();
        return ReferralSubmitted.newBuilder()
            .setMetadata(EventMetadata.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                .setProducer("test").setActingAgency(SENDER).setActingUserRef("u-1").setCorrelationId(referralId).build())
            .setReferralId(referralId).setFromAgency(SENDER).setToAgency(toAgency)
            .setSubject(new Subject("p-" + referralId.substring(0, 8), protectedIdentity)).setUrgency(Urgency.IMMEDIATE)
            .setConcerns(List.of("THREATS"))
            .setLegalBasis(new LegalBasis(LegalBasisType.STATUTORY, null, "OSL_10_18C")).build();
    }

    /** Submits a referral to the agency over Kafka and returns it. */
    static ReferralSubmitted submit(String toAgency, boolean protectedIdentity) {
        ReferralSubmitted event = submitted(toAgency, protectedIdentity);
        send(Topics.REFERRALS, event.getReferralId(), event);
        return event;
    }

    static void send(String topic, String key, Object value) {
        // The operator's tool principal, signing with referral-service's key: the tests publish what it would.
        Map<String, Object> config = SharedInfrastructure.get().kafka(KafkaAccess.OPERATOR, KafkaAccess.REFERRAL_SERVICE)
            .properties(Map.of(
            "schema.registry.url", SharedInfrastructure.get().schemaRegistryUrl(),
            "value.subject.name.strategy", "se.nexus.schemas.registry.TopicRecordNameStrategy"));
        var serializer = new KafkaAvroSerializer();
        serializer.configure(config, false);
        try (var producer = new KafkaProducer<String, Object>(config, new StringSerializer(), serializer)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not send to " + topic, e);
        }
    }

    static String coordinator(String agency) {
        return SharedInfrastructure.get().tokenIssuer().issue("u-1", agency, Set.of("COORDINATOR"));
    }

    static String caseworker(String agency) {
        return SharedInfrastructure.get().tokenIssuer().issue("u-1", agency, Set.of("CASEWORKER"));
    }

    /** The agency's notifications about a referral, as its coordinator reads them over HTTP. */
    static List<JsonNode> inboxAbout(ApiClient api, int port, String agency, String referralId) {
        var response = api.get("http://localhost:" + port + "/api/v1/notifications?size=100", coordinator(agency));
        if (response.status() != 200) {
            throw new IllegalStateException("Inbox answered " + response.status());
        }
        List<JsonNode> found = new ArrayList<>();
        response.body().get("items").forEach(item -> {
            if (referralId.equals(item.path("referralId").asText())) {
                found.add(item);
            }
        });
        return found;
    }
}
