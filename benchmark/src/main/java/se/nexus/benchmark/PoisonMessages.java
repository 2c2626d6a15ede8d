package se.nexus.benchmark;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import se.nexus.events.EventMetadata;
import se.nexus.events.LegalBasis;
import se.nexus.events.LegalBasisType;
import se.nexus.events.Subject;
import se.nexus.events.Urgency;
import se.nexus.events.consent.ConsentGranted;
import se.nexus.events.handover.HandoverRequested;
import se.nexus.events.referral.ReferralAccepted;
import se.nexus.events.referral.ReferralSubmitted;
import se.nexus.schemas.Topics;
import se.nexus.schemas.registry.KafkaAvroSerializer;
import se.nexus.schemas.signing.SigningKey;

/**
 * Poison messages on every topic, sent beside the normal traffic: random bytes, the wire format with a schema id the
 * registry never gave, a valid record of a type the topic does not carry, and valid records with impossible content
 * (a referral nobody submitted, an agency that does not exist). Each consumer group that reads the topic either
 * dead-letters a message to {@code <topic>.DLT} with the reason in headers or consumes it; the suite reports which,
 * and whether the group's committed offset went past it (the partition kept flowing). Valid records are taken in by
 * the audit service by design: it records every event it reads (docs/architecture.md section 5).
 */
final class PoisonMessages implements Fault {

    /** The audit service's consumer group (its listener's id). */
    private static final String AUDIT = "audit-ingest";
    /** The notification service's consumer group of case events (its listener's id). */
    private static final String NOTIFICATION = "case-events";
    private static final String UNKNOWN_AGENCY = "se.example.no-such-agency";

    /** A Confluent wire-format header (magic byte 0) with a schema id far beyond any the registry hands out. */
    private static final int UNKNOWN_SCHEMA_ID = 0x7ffffff0;

    private final Platform platform;
    private final List<Poison> sent = new ArrayList<>();
    private final Map<String, DeadLetter> deadLetters = new HashMap<>();
    private KafkaConsumer<byte[], byte[]> dltReader;
    private SigningKey signingKey;

    PoisonMessages(Platform platform) {
        this.platform = platform;
    }

    /** One poison message as sent; eventId is set for valid records, to find what a consumer did with them. */
    record Poison(String topic, String kind, String key, String eventId, int partition, long offset) {
    }

    /** A record on a dead-letter topic: which group put it there, and the reason's exception and cause classes. */
    record DeadLetter(String group, String exception, String cause) {
    }

    @Override
    public String name() {
        return "poison";
    }

    @Override
    public String dependency() {
        return "none (bad input)";
    }

    /** The consumer groups that read a topic (docs/architecture.md section 4). */
    static List<String> consumersOf(String topic) {
        return topic.equals(Topics.REFERRALS) || topic.equals(Topics.HANDOVERS) ? List.of(AUDIT, NOTIFICATION)
            : List.of(AUDIT);
    }

    @Override
    public Outage inject() throws Exception {
        Instant from = Instant.now();
        try (KafkaProducer<String, byte[]> producer = producer(); KafkaAvroSerializer avro = serializer()) {
            // Unsigned, the consumers refuse it before reading: as they would an outsider's record.
            sendBytes(producer, Topics.REFERRALS, "valid record without a signature",
                serialized(avro, Topics.REFERRALS, submitted(UUID.randomUUID().toString(), Platform.AGENCIES.get(1))),
                false);
            for (String topic : Topics.all()) {
                sendBytes(producer, topic, "random bytes", randomBytes(64), true);
                sendBytes(producer, topic, "unknown schema id", unknownSchemaId(), true);
                SpecificRecord wrong = topic.equals(Topics.REFERRALS) ? consentGranted() : submitted(UUID.randomUUID()
                    .toString(), Platform.AGENCIES.get(1));
                send(producer, topic, "valid record of the wrong type (" + wrong.getSchema().getName() + ")", wrong, avro);
            }
            String unknownReferral = UUID.randomUUID().toString();
            send(producer, Topics.REFERRALS, "ReferralAccepted of an unknown referral", accepted(unknownReferral), avro);
            send(producer, Topics.REFERRALS, "ReferralSubmitted to an unknown agency",
                submitted(UUID.randomUUID().toString(), UNKNOWN_AGENCY), avro);
            send(producer, Topics.HANDOVERS, "HandoverRequested of an unknown referral",
                handoverRequested(UUID.randomUUID().toString()), avro);
        }
        return new Outage(from, Instant.now());
    }

    private void send(KafkaProducer<String, byte[]> producer, String topic, String kind, SpecificRecord record,
            KafkaAvroSerializer avro) throws Exception {
        String key = keyOf(record);
        byte[] value = serialized(avro, topic, record);
        RecordMetadata at = producer.send(new ProducerRecord<>(topic, null, key, value, signed(value))).get();
        sent.add(new Poison(topic, kind, key, eventIdOf(record), at.partition(), at.offset()));
    }

    /**
     * The registry keeps its schemas in PostgreSQL, and its connection pool answers a request per stale connection
     * after a database restart with a 500 (it does not validate them): a poison round right after a restart retries
     * until the pool has renewed them, as any client would, for at most a minute.
     */
    private static byte[] serialized(KafkaAvroSerializer avro, String topic, SpecificRecord record)
            throws InterruptedException {
        for (int attempt = 1;; attempt++) {
            try {
                return avro.serialize(topic, record);
            } catch (org.apache.kafka.common.errors.SerializationException e) {
                if (attempt == 120) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    /**
     * Signed with the referral service's key unless {@code signed} is false: the poison a service with a bug would
     * write, which passes the signature check and fails after it.
     */
    private void sendBytes(KafkaProducer<String, byte[]> producer, String topic, String kind, byte[] value,
            boolean signed) throws Exception {
        String key = UUID.randomUUID().toString();
        RecordMetadata at = producer.send(new ProducerRecord<>(topic, null, key, value,
            signed ? signed(value) : new RecordHeaders())).get();
        sent.add(new Poison(topic, kind, key, null, at.partition(), at.offset()));
    }

    /** Every poison message's fate is known to every consumer group of its topic: dead-lettered or consumed. */
    @Override
    public boolean recovered(Instant since) throws Exception {
        readDeadLetters();
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = committedOffsets();
        for (Poison poison : sent) {
            for (String group : consumersOf(poison.topic())) {
                if (!passed(committed, group, poison)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public List<String> findings(Instant since) throws Exception {
        readDeadLetters();
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = committedOffsets();
        List<String> lines = new ArrayList<>();
        int deadLettered = 0;
        int withReason = 0;
        for (Poison poison : sent) {
            List<String> fates = new ArrayList<>();
            boolean flowing = true;
            for (String group : consumersOf(poison.topic())) {
                DeadLetter letter = deadLetters.get(id(poison.topic(), poison.partition(), poison.offset(), group));
                flowing &= passed(committed, group, poison);
                if (letter != null) {
                    deadLettered++;
                    withReason += letter.exception() != null ? 1 : 0;
                    fates.add(group + " → " + Topics.deadLetterTopicOf(poison.topic()) + " (" + letter.exception()
                        + (letter.cause() == null ? "" : " caused by " + letter.cause()) + ")");
                } else {
                    fates.add(group + " → " + consumed(group, poison));
                }
            }
            lines.add(poison.topic() + ", " + poison.kind() + ": " + String.join("; ", fates)
                + (flowing ? "; partition kept flowing" : "; PARTITION STUCK behind it"));
        }
        lines.add(0, String.format("%d poison messages on %d topics; %d dead-letter records, %d of them with the reason "
            + "(exception class) in headers; consumer groups: %s (audit-service), %s (notification-service)",
            sent.size(), Topics.all().size(), deadLettered, withReason, AUDIT, NOTIFICATION));
        closeReader();
        return lines;
    }

    /** What a group that did not dead-letter a message did with it, as far as its database shows. */
    private String consumed(String group, Poison poison) throws SQLException {
        if (poison.eventId() == null) {
            return "no dead-letter record";
        }
        if (group.equals(AUDIT)) {
            return exists("audit", "SELECT 1 FROM audit_entries WHERE event_id = ?", poison.eventId())
                ? "appended it to the audit chain" : "consumed it without an entry";
        }
        return exists("notification", "SELECT 1 FROM notifications WHERE trigger_event_id::text = ?", poison.eventId())
            ? "created a notification from it" : "consumed it without a notification";
    }

    private boolean exists(String database, String sql, String id) throws SQLException {
        try (Connection connection = Platform.connect(platform.database(database));
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static boolean passed(Map<String, Map<TopicPartition, OffsetAndMetadata>> committed, String group,
            Poison poison) {
        OffsetAndMetadata offset = committed.getOrDefault(group, Map.of())
            .get(new TopicPartition(poison.topic(), poison.partition()));
        return offset != null && offset.offset() > poison.offset();
    }

    private Map<String, Map<TopicPartition, OffsetAndMetadata>> committedOffsets() throws Exception {
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new LinkedHashMap<>();
        try (Admin admin = Admin.create(platform.kafka().properties())) {
            for (String group : List.of(AUDIT, NOTIFICATION)) {
                committed.put(group, admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get());
            }
        }
        return committed;
    }

    private void readDeadLetters() {
        if (dltReader == null) {
            dltReader = new KafkaConsumer<>(platform.kafka().properties(Map.of(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class)));
            List<TopicPartition> partitions = new ArrayList<>();
            Topics.all().forEach(topic -> dltReader.partitionsFor(Topics.deadLetterTopicOf(topic))
                .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition()))));
            dltReader.assign(partitions);
            dltReader.seekToBeginning(partitions);
        }
        for (var records = dltReader.poll(Duration.ofMillis(500)); !records.isEmpty();
                records = dltReader.poll(Duration.ofMillis(200))) {
            for (ConsumerRecord<byte[], byte[]> record : records) {
                String topic = text(record, "kafka_dlt-original-topic");
                Header partition = record.headers().lastHeader("kafka_dlt-original-partition");
                Header offset = record.headers().lastHeader("kafka_dlt-original-offset");
                String group = text(record, "kafka_dlt-original-consumer-group");
                if (topic != null && partition != null && offset != null) {
                    deadLetters.put(id(topic, ByteBuffer.wrap(partition.value()).getInt(),
                        ByteBuffer.wrap(offset.value()).getLong(), group), new DeadLetter(group,
                        simpleName(text(record, "kafka_dlt-exception-fqcn")),
                        simpleName(text(record, "kafka_dlt-exception-cause-fqcn"))));
                }
            }
        }
    }

    private void closeReader() {
        if (dltReader != null) {
            dltReader.close();
            dltReader = null;
        }
    }

    private static String id(String topic, int partition, long offset, String group) {
        return topic + "/" + partition + "/" + offset + "/" + group;
    }

    private static String text(ConsumerRecord<?, ?> record, String header) {
        Header found = record.headers().lastHeader(header);
        return found == null ? null : new String(found.value(), StandardCharsets.UTF_8);
    }

    private RecordHeaders signed(byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        if (signingKey == null) {
            signingKey = SigningKey.read(platform.eventSigningKey("referral-service"));
        }
        signingKey.signInto(headers, value);
        return headers;
    }

    private static String simpleName(String fqcn) {
        return fqcn == null ? null : fqcn.substring(fqcn.lastIndexOf('.') + 1);
    }

    private KafkaProducer<String, byte[]> producer() {
        // The operator's tool principal: it may write a service's topic to inject the poison; no service may.
        return new KafkaProducer<>(platform.kafka().properties(Map.of(ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)));
    }

    /** Serialized as the services serialize: registered under the topic and record name. */
    private KafkaAvroSerializer serializer() {
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(Map.of("schema.registry.url", platform.schemaRegistryUrl(), "auto.register.schemas", true,
            "value.subject.name.strategy", "se.nexus.schemas.registry.TopicRecordNameStrategy"), false);
        return serializer;
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static byte[] unknownSchemaId() {
        return ByteBuffer.allocate(21).put((byte) 0).putInt(UNKNOWN_SCHEMA_ID).put(randomBytes(16)).array();
    }

    private static String keyOf(SpecificRecord record) {
        Object referral = record.getSchema().getField("referralId") != null
            ? record.get(record.getSchema().getField("referralId").pos()) : null;
        return referral != null ? referral.toString() : UUID.randomUUID().toString();
    }

    private static String eventIdOf(SpecificRecord record) {
        return ((EventMetadata) record.get(record.getSchema().getField("metadata").pos())).getEventId();
    }

    private static EventMetadata metadata() {
        return EventMetadata.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
            .setProducer("fault-suite").setActingAgency(Platform.AGENCIES.get(0)).setActingUserRef("fault-suite")
            .setCorrelationId(UUID.randomUUID().toString()).build();
    }

    private static Subject subject() {
        return Subject.newBuilder().setRef("poison-" + UUID.randomUUID()).setProtectedIdentity(false).build();
    }

    private static ReferralSubmitted submitted(String referral, String toAgency) {
        return ReferralSubmitted.newBuilder().setMetadata(metadata()).setReferralId(referral)
            .setFromAgency(Platform.AGENCIES.get(0)).setToAgency(toAgency).setSubject(subject())
            .setUrgency(Urgency.ROUTINE).setConcerns(List.of("THREATS")).setLegalBasis(statutory()).build();
    }

    private static ReferralAccepted accepted(String referral) {
        return ReferralAccepted.newBuilder().setMetadata(metadata()).setReferralId(referral)
            .setFromAgency(Platform.AGENCIES.get(0)).setToAgency(Platform.AGENCIES.get(1)).setSubject(subject())
            .setUrgency(Urgency.ROUTINE).build();
    }

    private static HandoverRequested handoverRequested(String referral) {
        return HandoverRequested.newBuilder().setMetadata(metadata()).setHandoverId(UUID.randomUUID().toString())
            .setReferralId(referral).setFromAgency(Platform.AGENCIES.get(1)).setToAgency(Platform.AGENCIES.get(2))
            .setSubject(subject()).setUrgency(Urgency.ROUTINE).setReasonCode("SPECIALIST_SUPPORT")
            .setLegalBasis(statutory()).build();
    }

    private static ConsentGranted consentGranted() {
        return ConsentGranted.newBuilder().setMetadata(metadata()).setConsentId(UUID.randomUUID().toString())
            .setSubjectRef("poison-" + UUID.randomUUID()).setGrantedTo(List.of(Platform.AGENCIES.get(1)))
            .setPurpose("PROTECTION_AND_SUPPORT").setDataCategories(List.of("CASE_SUMMARY"))
            .setValidFrom(LocalDate.now()).setValidUntil(LocalDate.now().plusYears(1)).setObtained("WRITTEN").build();
    }

    private static LegalBasis statutory() {
        return LegalBasis.newBuilder().setType(LegalBasisType.STATUTORY).setProvisionCode("OSL_10_18C").build();
    }
}
