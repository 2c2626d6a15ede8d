package se.nexus.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;
import static se.nexus.notification.CaseEventsTestData.RESOURCE_CENTRE;
import static se.nexus.notification.CaseEventsTestData.inboxAbout;
import static se.nexus.notification.CaseEventsTestData.submit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.nexus.events.Urgency;
import se.nexus.events.agency.AgencyNotificationEscalated;
import se.nexus.events.agency.AgencyNotified;
import se.nexus.events.referral.ReferralSubmitted;
import se.nexus.infrastructure.DemoClients;
import se.nexus.infrastructure.KafkaAccess;
import se.nexus.infrastructure.SharedInfrastructure;
import se.nexus.notification.notification.Escalations;
import se.nexus.schemas.Topics;
import se.nexus.schemas.agency.AgencyTopicDemo;
import se.nexus.schemas.registry.KafkaAvroDeserializer;
import se.nexus.support.test.ApiClient;

/**
 * Agencies that asked for a topic of their own (here the demo's police and resource centre) read their notifications
 * there, with their own certificates, as their webhook would get them: references and codes, never a subject ref.
 */
@NotificationServiceTest
class AgencyTopicIntegrationTests {

    static final String POLICE = "se.polisen.region-mitt";

    @LocalServerPort
    int port;
    @Autowired
    ShiftableClock clock;
    @Autowired
    Escalations escalations;
    @Autowired
    JdbcClient jdbc;
    final ApiClient api = new ApiClient();

    /** One record of an agency's topic as the agency's system read it: key, raw value and the event in it. */
    record Read(String key, byte[] value, Object event) {
    }

    @Test
    void aReferralWithAProtectedIdentityReachesTheReceivingAgencysTopicWithoutItsSubjectRef() {
        ReferralSubmitted referral = submit(POLICE, true);
        String notificationId = awaitNotification(POLICE, referral.getReferralId()).get("id").asText();

        List<Read> read = readAs(POLICE, records -> records.stream().anyMatch(r -> r.key().equals(referral.getReferralId())));

        Read record = read.stream().filter(r -> r.key().equals(referral.getReferralId())).findFirst().orElseThrow();
        assertThat(record.event()).isInstanceOfSatisfying(AgencyNotified.class, event -> {
            assertThat(event.getNotificationId()).isEqualTo(notificationId);
            assertThat(event.getReferralId()).isEqualTo(referral.getReferralId());
            assertThat(event.getEventType()).isEqualTo("REFERRAL_SUBMITTED");
            assertThat(event.getUrgency()).isEqualTo(Urgency.IMMEDIATE);
            assertThat(event.getAgency()).isEqualTo(POLICE);
            assertThat(event.getOverdueAgency()).isNull();
            assertThat(event.getMetadata().getCausationId()).isEqualTo(referral.getMetadata().getEventId());
        });
        assertThat(new String(record.value(), StandardCharsets.ISO_8859_1)).doesNotContain(referral.getSubject().getRef());
        assertThat(AgencyNotified.getClassSchema().getField("subjectRef")).isNull();
        // Everything on the police's topic is for the police.
        assertThat(read).extracting(r -> agencyOf(r.event())).containsOnly(POLICE);
    }

    @Test
    void eachNotificationGoesToItsOwnAgencysTopicOnlyAndNoneToAnAgencyWithoutOne() {
        ReferralSubmitted toPolice = submit(POLICE, false);
        ReferralSubmitted toHealthCare = submit(NotificationTestConfiguration.HEALTHY_AGENCY, false);
        awaitNotification(POLICE, toPolice.getReferralId());
        awaitNotification(NotificationTestConfiguration.HEALTHY_AGENCY, toHealthCare.getReferralId());

        // Written to the outbox in the transaction that created the notification, so there by now.
        assertThat(agencyTopicsWrittenAbout(toPolice.getReferralId())).containsExactly(Topics.agencyTopicOf(POLICE));
        assertThat(agencyTopicsWrittenAbout(toHealthCare.getReferralId())).isEmpty();
        assertThat(DemoClients.withAgencyTopics()).doesNotContain(NotificationTestConfiguration.HEALTHY_AGENCY);
    }

    @Test
    void anEscalationReachesTheOverdueAgencysTopicAndTheResourceCentresNoticeReachesItsTopic() {
        ReferralSubmitted overdue = submit(POLICE, true);
        String notificationId = awaitNotification(POLICE, overdue.getReferralId()).get("id").asText();
        clock.advance(Duration.ofMinutes(16));
        escalations.escalateDue();

        List<Read> police = readAs(POLICE, records -> records.stream()
            .anyMatch(r -> r.event() instanceof AgencyNotificationEscalated e && e.getNotificationId().equals(notificationId)));
        assertThat(police).filteredOn(r -> r.key().equals(overdue.getReferralId())).extracting(Read::event)
            .hasExactlyElementsOfTypes(AgencyNotified.class, AgencyNotificationEscalated.class);
        AgencyNotificationEscalated escalated = (AgencyNotificationEscalated) police.stream()
            .filter(r -> r.event() instanceof AgencyNotificationEscalated e && e.getNotificationId().equals(notificationId))
            .findFirst().orElseThrow().event();
        assertThat(escalated.getReferralId()).isEqualTo(overdue.getReferralId());
        assertThat(escalated.getAgency()).isEqualTo(POLICE);
        assertThat(escalated.getEscalatedAt()).isAfterOrEqualTo(escalated.getDeadline());

        List<Read> centre = readAs(RESOURCE_CENTRE, records -> records.stream()
            .anyMatch(r -> r.key().equals(overdue.getReferralId())));
        Read notice = centre.stream().filter(r -> r.key().equals(overdue.getReferralId())).findFirst().orElseThrow();
        assertThat(notice.event()).isInstanceOfSatisfying(AgencyNotified.class, event -> {
            assertThat(event.getAgency()).isEqualTo(RESOURCE_CENTRE);
            assertThat(event.getOverdueAgency()).isEqualTo(POLICE);
        });
        assertThat(new String(notice.value(), StandardCharsets.ISO_8859_1)).doesNotContain(overdue.getSubject().getRef());
    }

    /** The README's demo consumer, with the settings it runs with, reads as the resource centre what the README says. */
    @Test
    void theDemoConsumerOfTheReadmePrintsTheAgencysNotificationsAndIsRefusedAnotherAgencysTopic() {
        assumeTrue(SharedInfrastructure.get().kafkaBroker().isPresent(), "the demo connects over mutual TLS, which "
            + "only the embedded broker has (ContainerInfrastructure runs Kafka plaintext)");
        ReferralSubmitted referral = submit(RESOURCE_CENTRE, true);
        String notificationId = awaitNotification(RESOURCE_CENTRE, referral.getReferralId()).get("id").asText();
        Map<String, Object> settings = demoSettings(RESOURCE_CENTRE);
        List<String> printed = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();

        AgencyTopicDemo.read(settings, Topics.agencyTopicOf(RESOURCE_CENTRE), printed::add,
            () -> printed.stream().anyMatch(line -> line.contains(referral.getReferralId())) || System.nanoTime() > deadline);

        assertThat(printed).filteredOn(line -> line.contains(referral.getReferralId())).singleElement().asString()
            .startsWith("AgencyNotified referral=" + referral.getReferralId() + " notification=" + notificationId
                + " event=REFERRAL_SUBMITTED urgency=IMMEDIATE deadline=20");
        assertThat(printed).noneMatch(line -> line.contains(referral.getSubject().getRef()));
        assertThatThrownBy(() -> AgencyTopicDemo.read(settings, Topics.agencyTopicOf(POLICE), line -> { }, () -> false))
            .isInstanceOf(TopicAuthorizationException.class);
    }

    /** The demo's settings for the agency, with the certificates the test broker's authority issued it. */
    private static Map<String, Object> demoSettings(String agency) {
        var certificate = SharedInfrastructure.get().kafka(agency).certificate();
        return AgencyTopicDemo.settings(agency, SharedInfrastructure.get().kafkaBootstrapServers(),
            SharedInfrastructure.get().schemaRegistryUrl(), certificate.keyStore().getParent());
    }

    private static String agencyOf(Object event) {
        return event instanceof AgencyNotified notified ? notified.getAgency()
            : ((AgencyNotificationEscalated) event).getAgency();
    }

    private List<String> agencyTopicsWrittenAbout(String referralId) {
        return jdbc.sql("SELECT topic FROM outbox WHERE message_key = :key AND topic LIKE 'nexus.agency.%'")
            .param("key", referralId).query(String.class).list();
    }

    private JsonNode awaitNotification(String agency, String referralId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxAbout(api, port, agency, referralId).size() == 1);
        return inboxAbout(api, port, agency, referralId).get(0);
    }

    /**
     * Reads the agency's topic from the start with the agency's own certificate, in a new consumer group of its own,
     * until what it read satisfies the condition.
     */
    static List<Read> readAs(String agency, Predicate<List<Read>> enough) {
        Map<String, Object> config = SharedInfrastructure.get().kafka(agency).properties(Map.of(
            ConsumerConfig.GROUP_ID_CONFIG, KafkaAccess.agencyGroupPrefixOf(agency) + "test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        var deserializer = new KafkaAvroDeserializer();
        deserializer.configure(Map.of("schema.registry.url", SharedInfrastructure.get().schemaRegistryUrl(),
            "specific.avro.reader", true), false);
        List<Read> read = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.agencyTopicOf(agency)));
            await(agency + " reads its topic").atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> read.add(new Read(record.key(), record.value(),
                    deserializer.deserialize(record.topic(), record.headers(), record.value()))));
                return enough.test(read);
            });
        }
        return read;
    }
}
