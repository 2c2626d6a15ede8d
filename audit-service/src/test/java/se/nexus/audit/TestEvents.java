package se.nexus.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import se.nexus.events.EventMetadata;
import se.nexus.events.LegalBasis;
import se.nexus.events.LegalBasisType;
import se.nexus.events.Subject;
import se.nexus.events.Urgency;
import se.nexus.events.consent.ConsentGranted;
import se.nexus.events.referral.ReferralSubmitted;
import se.nexus.events.subject.SubjectErased;
import se.nexus.infrastructure.KafkaAccess;
import se.nexus.infrastructure.KafkaConnection;
import se.nexus.infrastructure.SharedInfrastructure;
import se.nexus.schemas.Topics;
import se.nexus.schemas.registry.KafkaAvroSerializer;

/** Real Avro events, built from the generated classes and published with the project's serializer. */
public final class TestEvents implements AutoCloseable {

    public static final String FROM = "se.uppsala.nexus";
    public static final String TO = "se.polisen.region-mitt";

    private final KafkaProducer<String, Object> producer;

    private static TestEvents shared;

    /** One producer for every test class of this JVM, closed when the JVM ends. */
    public static synchronized TestEvents shared() {
        if (shared == null) {
            shared = new TestEvents();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "test-events-close"));
        }
        return shared;
    }

    public TestEvents() {
        var infrastructure = SharedInfrastructure.get();
        // The operator's tool principal, signing with a service's key: the tests publish what the services would.
        KafkaConnection asService = infrastructure.kafka(KafkaAccess.OPERATOR, KafkaAccess.REFERRAL_SERVICE);
        this.producer = new KafkaProducer<>(asService.properties(Map.of(
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, KafkaAvroSerializer.class,
            ProducerConfig.ACKS_CONFIG, "all",
            "schema.registry.url", infrastructure.schemaRegistryUrl(),
            "auto.register.schemas", true,
            "value.subject.name.strategy", "se.nexus.schemas.registry.TopicRecordNameStrategy")));
    }

    public static EventMetadata metadata(String eventId) {
        return EventMetadata.newBuilder()
            .setEventId(eventId)
            .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
            .setProducer("referral-service")
            .setActingAgency(FROM)
            .setActingUserRef("caseworker-1")
            .setCorrelationId(UUID.randomUUID().toString())
            .build();
    }

    public static ReferralSubmitted referralSubmitted(String referralId, String subjectRef) {
        return ReferralSubmitted.newBuilder()
            .setMetadata(metadata(UUID.randomUUID().toString()))
            .setReferralId(referralId)
            .setFromAgency(FROM)
            .setToAgency(TO)
            .setSubject(Subject.newBuilder().setRef(subjectRef).setProtectedIdentity(false).build())
            .setUrgency(Urgency.URGENT)
            .setConcerns(List.of("THREATS"))
            .setLegalBasis(LegalBasis.newBuilder().setType(LegalBasisType.STATUTORY).setProvisionCode("OSL_10_18C").build())
            .build();
    }

    public static ConsentGranted consentGranted(String subjectRef) {
        return ConsentGranted.newBuilder()
            .setMetadata(metadata(UUID.randomUUID().toString()))
            .setConsentId(UUID.randomUUID().toString())
            .setSubjectRef(subjectRef)
            .setGrantedTo(List.of(TO, "se.uppsala.socialtjanst"))
            .setPurpose("PROTECTION_AND_SUPPORT")
            .setDataCategories(List.of("CASE_SUMMARY"))
            .setValidFrom(LocalDate.now())
            .setValidUntil(LocalDate.now().plusYears(1))
            .setObtained("WRITTEN")
            .build();
    }

    /** A resource centre's auditor erased the person's free text: the event says so and why, never what it said. */
    public static SubjectErased subjectErased(String subjectRef) {
        String eventId = UUID.randomUUID().toString();
        return SubjectErased.newBuilder()
            .setMetadata(EventMetadata.newBuilder(metadata(eventId)).setActingUserRef("auditor-1")
                .setCorrelationId(eventId).build())
            .setSubjectRef(subjectRef)
            .setReason("ERASURE_REQUEST")
            .build();
    }

    /** An event of a type this service was not built with: a new schema with only a metadata-like record and a referral id. */
    public static GenericRecord unknownEvent(String referralId) {
        Schema schema = new Schema.Parser().parse("""
            {"type":"record","name":"ReferralReopenedForTest","namespace":"se.nexus.events.test","fields":[
              {"name":"metadata","type":{"type":"record","name":"Meta","fields":[
                {"name":"eventId","type":"string"},{"name":"actingAgency","type":"string"}]}},
              {"name":"referralId","type":"string"},
              {"name":"targetAgency","type":"string"}]}""");
        GenericRecord metadata = new GenericData.Record(schema.getField("metadata").schema());
        metadata.put("eventId", UUID.randomUUID().toString());
        metadata.put("actingAgency", FROM);
        GenericRecord event = new GenericData.Record(schema);
        event.put("metadata", metadata);
        event.put("referralId", referralId);
        event.put("targetAgency", "se.aklagarmyndigheten");
        return event;
    }

    public void publish(String key, Object event) {
        publish(Topics.REFERRALS, key, event);
    }

    public void publish(String topic, String key, Object event) {
        try {
            producer.send(new ProducerRecord<>(topic, key, event)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not publish a test event", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends without waiting for each acknowledgement, then waits for all of them. */
    public void publishAll(String topic, List<? extends Object> events, java.util.function.Function<Object, String> key) {
        events.forEach(event -> producer.send(new ProducerRecord<>(topic, key.apply(event), event)));
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
