package se.nexus.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import se.nexus.infrastructure.KafkaAccess;
import se.nexus.local.LocalPlatform;
import se.nexus.schemas.Topics;
import se.nexus.schemas.signing.BadSignature;
import se.nexus.schemas.signing.EventSignatures;
import se.nexus.schemas.signing.SigningKey;
import se.nexus.schemas.signing.TrustedKeys;
import se.nexus.schemas.signing.UnsignedEvent;
import se.nexus.schemas.signing.UntrustedSigningKey;
import se.nexus.support.test.ApiClient;

/**
 * The running platform acts only on events signed by a trusted key: a referral event without a signature, signed with
 * a stranger's key or altered after signing is dead-lettered by both of its consumers with that reason, and the audit
 * chain records the key id and signature the referral service signed a real event with.
 */
class SignedEventsEndToEndTests {

    static final String SOCIAL_SERVICES = "se.uppsala.socialtjanst";
    static final String RESOURCE_CENTRE = "se.uppsala.nexus";
    static final ApiClient api = new ApiClient();
    static LocalPlatform platform;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPlatform() {
        platform = SharedPlatform.get();
    }

    @Test
    void theAuditChainRecordsTheKeyIdAndSignatureTheProducerSignedWith() throws Exception {
        String referral = Referrals.submitted(platform, SOCIAL_SERVICES, "p-signed-" + shortId(), "ROUTINE");
        ConsumerRecord<String, byte[]> published = publishedRecord(referral);

        String keyId = EventSignatures.keyIdOf(published.headers());
        TrustedKeys trusted = TrustedKeys.read(platform.kafka(KafkaAccess.REFERRAL_SERVICE).signing().trusted());
        assertThat(trusted.verify(published.topic(), published.headers(), published.value()))
            .as("signed with referral-service's key").isEqualTo(KafkaAccess.REFERRAL_SERVICE);
        JsonNode entry = auditEntry(referral);
        assertThat(entry.path("signingKeyId").asText()).isEqualTo(keyId);
        assertThat(entry.path("eventSignature").asText())
            .isEqualTo(Base64.getEncoder().encodeToString(EventSignatures.signatureOf(published.headers())));
        // The export verifies with the signatures in the hashes: the chain as a whole is still intact.
        JsonNode verification = api.get(platform.serviceUrl("audit-service") + "/api/v1/audit/verify",
            platform.token(RESOURCE_CENTRE, "AUDITOR")).body();
        assertThat(verification.path("valid").asBoolean()).as(verification.toString()).isTrue();
    }

    @Test
    void anUnsignedAForgedAndAnAlteredEventAreDeadLetteredWithTheirReasonByEveryConsumer() throws Exception {
        String referral = Referrals.submitted(platform, SOCIAL_SERVICES, "p-forged-" + shortId(), "ROUTINE");
        ConsumerRecord<String, byte[]> published = publishedRecord(referral);
        byte[] genuine = published.value();
        Headers genuineHeaders = published.headers();

        RecordMetadata unsigned = inject(genuine, new RecordHeaders());
        RecordHeaders forged = new RecordHeaders();
        strangerKey().signInto(forged, genuine);
        RecordMetadata forgery = inject(genuine, forged);
        byte[] altered = genuine.clone();
        altered[altered.length - 1] ^= 1;
        RecordMetadata alteration = inject(altered, copy(genuineHeaders));

        assertThat(deadLettered(unsigned)).as("unsigned").containsOnlyKeys(KafkaAccess.AUDIT_GROUP,
            KafkaAccess.NOTIFICATION_GROUP).allSatisfy((group, reason) -> assertThat(reason)
                .contains(UnsignedEvent.class.getName()));
        assertThat(deadLettered(forgery)).as("signed with a key no consumer trusts").hasSize(2)
            .allSatisfy((group, reason) -> assertThat(reason).contains(UntrustedSigningKey.class.getName())
                .contains(EventSignatures.keyIdOf(forged)));
        assertThat(deadLettered(alteration)).as("altered after signing").hasSize(2)
            .allSatisfy((group, reason) -> assertThat(reason).contains(BadSignature.class.getName()));
        // None of them made an entry: the chain holds the referral's submission once, the genuine one.
        assertThat(auditEntries(referral)).hasSize(1);
    }

    /** A key of this test's own, which no consumer trusts. */
    private SigningKey strangerKey() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path file = Files.writeString(dir.resolve("stranger.key"), "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        return SigningKey.read(file);
    }

    private static RecordHeaders copy(Headers headers) {
        RecordHeaders copy = new RecordHeaders();
        headers.forEach(copy::add);
        return copy;
    }

    /** Written as the operator's tools, under a key of its own so that no referral's later events wait behind it. */
    private static RecordMetadata inject(byte[] value, Headers headers) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(platform.kafka(KafkaAccess.OPERATOR)
                .properties(Map.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)))) {
            return producer.send(new ProducerRecord<>(Topics.REFERRALS, null, UUID.randomUUID().toString(), value,
                headers)).get();
        }
    }

    /** The referral's submission as the referral service published it, value and headers as they came off the topic. */
    private static ConsumerRecord<String, byte[]> publishedRecord(String referral) {
        try (KafkaConsumer<String, byte[]> consumer = rawConsumer(StringDeserializer.class)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(Topics.REFERRALS)
                .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            await().atMost(Duration.ofMinutes(1)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (referral.equals(record.key()) && found.isEmpty()) {
                        found.add(record);
                    }
                }
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }

    /** The consumer groups that dead-lettered the record, each with the reason it gave. */
    private static Map<String, String> deadLettered(RecordMetadata poison) {
        return DeadLetterTopics.reasonsByGroup(platform, poison, "nexus-dead-letter-reason", 2);
    }

    private static <K> KafkaConsumer<K, byte[]> rawConsumer(Class<?> keyDeserializer) {
        return new KafkaConsumer<>(platform.kafka(KafkaAccess.OPERATOR).properties(Map.of(
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, keyDeserializer,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class)));
    }

    private static JsonNode auditEntry(String referral) {
        List<JsonNode> entries = new ArrayList<>();
        await().atMost(Duration.ofMinutes(1)).until(() -> {
            entries.clear();
            entries.addAll(auditEntries(referral));
            return !entries.isEmpty();
        });
        return entries.get(0);
    }

    private static List<JsonNode> auditEntries(String referral) {
        JsonNode page = api.get(platform.serviceUrl("audit-service") + "/api/v1/audit/entries?referralId=" + referral
            + "&eventType=se.nexus.events.referral.ReferralSubmitted", platform.token(RESOURCE_CENTRE, "AUDITOR"))
            .body();
        List<JsonNode> items = new ArrayList<>();
        page.path("items").forEach(items::add);
        return items;
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
