package se.nexus.notification;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.nexus.events.Urgency;
import se.nexus.events.referral.ReferralSubmitted;
import se.nexus.schemas.Topics;
import se.nexus.support.participants.Participants;
import se.nexus.support.test.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.nexus.notification.CaseEventsTestData.coordinator;
import static se.nexus.notification.CaseEventsTestData.inboxAbout;

/** E-mail alerts to function addresses through a real SMTP server, with nothing in them but a pointer. */
@NotificationServiceTest
class MailAlertIntegrationTests {

    /** An agency without quiet hours in the configuration, so its alerts are due at once at any time of day. */
    static final String AGENCY = "se.region-uppsala.vard";

    @LocalServerPort
    int port;
    @Autowired
    Mailboxes mailboxes;
    @Autowired
    ShiftableClock clock;
    @Autowired
    Participants participants;
    final ApiClient api = new ApiClient();

    @Test
    void anImmediateReferralGivesExactlyOneAlertToTheFunctionAddressWithNoCaseContent() throws Exception {
        ReferralSubmitted event = submit(Urgency.IMMEDIATE);
        String notification = awaitNotification(event);
        String delivery = awaitDelivered(notification);

        List<MimeMessage> messages = messagesOf(delivery);
        assertThat(messages).hasSize(1);
        MimeMessage alert = messages.get(0);
        assertThat(alert.getAllRecipients()).extracting(Object::toString)
            .containsExactly(participants.find(AGENCY).orElseThrow().functionAddress());
        assertThat(alert.getSubject()).isEqualTo("Nexus: akut ärende att kvittera / immediate case to acknowledge");
        String raw = raw(alert);
        assertThat(raw).doesNotContain(event.getSubject().getRef()).doesNotContain(event.getReferralId())
            .doesNotContain(CaseEventsTestData.SENDER).doesNotContain("OSL_10_18C").doesNotContain("THREATS");
        String text = (String) alert.getContent();
        assertThat(text).contains("Brådska: Akut").contains("http://localhost:8080/inbox")
            .doesNotContain(event.getSubject().getRef()).doesNotContain(event.getReferralId())
            .doesNotContain(CaseEventsTestData.SENDER);
    }

    @Test
    void routineAlertsWaitForTheDigestAndArriveInOneMessage() throws Exception {
        ReferralSubmitted first = submit(Urgency.ROUTINE);
        ReferralSubmitted second = submit(Urgency.ROUTINE);
        String one = deliveryOf(awaitNotification(first)).get("id").asText();
        String two = deliveryOf(awaitNotification(second)).get("id").asText();
        assertThat(deliveryOf(awaitNotification(first)).get("state").asText()).isEqualTo("PENDING");

        clock.advance(Duration.ofHours(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> !messagesOf(one).isEmpty() && !messagesOf(two).isEmpty());
        List<MimeMessage> digest = messagesOf(one);
        assertThat(digest).hasSize(1);
        assertThat(messagesOf(two)).containsExactlyElementsOf(digest);
        assertThat(digest.get(0).getSubject()).matches("Nexus: \\d+ ärenden att kvittera / \\d+ cases to acknowledge");
    }

    @Test
    void alertsWaitWhileTheMailServerIsDownAndEachArrivesOnceWhenItIsBack() throws Exception {
        mailboxes.down();
        List<String> notifications;
        try {
            notifications = List.of(awaitNotification(submit(Urgency.IMMEDIATE)), awaitNotification(submit(Urgency.URGENT)));
            await().atMost(Duration.ofSeconds(20)).until(() -> notifications.stream()
                .allMatch(id -> deliveryOf(id).path("attempts").asInt() >= 2));
            JsonNode waiting = deliveryOf(notifications.get(0));
            assertThat(waiting.get("state").asText()).isEqualTo("PENDING");
            assertThat(waiting.get("lastError").asText()).isNotBlank();
        } finally {
            mailboxes.up();
        }
        Set<String> deliveries = notifications.stream().map(this::awaitDelivered).collect(Collectors.toSet());
        for (String delivery : deliveries) {
            assertThat(messagesOf(delivery)).hasSize(1);
        }
    }

    private ReferralSubmitted submit(Urgency urgency) {
        ReferralSubmitted event = CaseEventsTestData.submitted(AGENCY, false);
        event.setUrgency(urgency);
        CaseEventsTestData.send(Topics.REFERRALS, event.getReferralId(), event);
        return event;
    }

    private String awaitNotification(ReferralSubmitted event) {
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxAbout(api, port, AGENCY, event.getReferralId()).size() == 1);
        return inboxAbout(api, port, AGENCY, event.getReferralId()).get(0).get("id").asText();
    }

    /** The e-mail delivery of a notification, as the deliveries API shows it to the agency's coordinator. */
    private JsonNode deliveryOf(String notification) {
        var response = api.get("http://localhost:" + port + "/api/v1/notifications/" + notification + "/deliveries",
            coordinator(AGENCY));
        assertThat(response.status()).isEqualTo(200);
        return StreamSupport.stream(response.body().get("items").spliterator(), false)
            .filter(item -> "EMAIL".equals(item.get("channel").asText()))
            .reduce((a, b) -> {
                throw new AssertionError("More than one e-mail delivery of " + notification);
            })
            .orElseThrow(() -> new AssertionError("No e-mail delivery of " + notification));
    }

    private String awaitDelivered(String notification) {
        await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED".equals(deliveryOf(notification).get("state").asText()));
        return deliveryOf(notification).get("id").asText();
    }

    /** The messages that carry this delivery, by the header that names deliveries. */
    private List<MimeMessage> messagesOf(String delivery) {
        return mailboxes.received().stream().filter(message -> {
            try {
                String[] header = message.getHeader("X-Nexus-Delivery");
                return header != null && List.of(header[0].split(",")).contains(delivery);
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }

    private static String raw(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
