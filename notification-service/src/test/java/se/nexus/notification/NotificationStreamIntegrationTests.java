package se.nexus.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.nexus.notification.CaseEventsTestData.SENDER;
import static se.nexus.notification.CaseEventsTestData.coordinator;
import static se.nexus.notification.CaseEventsTestData.inboxAbout;
import static se.nexus.notification.CaseEventsTestData.submit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.nexus.events.referral.ReferralSubmitted;
import se.nexus.support.test.ApiClient;

/** The coordinator's live stream of new notifications, resumed after a reconnect with Last-Event-ID. */
@NotificationServiceTest
class NotificationStreamIntegrationTests {

    static final String PROSECUTION = "se.aklagarmyndigheten";
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    final ApiClient api = new ApiClient();

    @Test
    void theStreamSendsNewNotificationsLiveAndResumesAfterTheLastEventId() throws Exception {
        ReferralSubmitted before = submit(PROSECUTION, false);
        awaitNotification(before);

        List<EventStream.Event> live = new ArrayList<>();
        List<ReferralSubmitted> first = new ArrayList<>();
        try (EventStream stream = EventStream.open(url(), coordinator(PROSECUTION), null);
                EventStream otherAgency = EventStream.open(url(), coordinator(SENDER), null)) {
            first.add(submit(PROSECUTION, true));
            first.add(submit(PROSECUTION, false));
            live.add(stream.next(Duration.ofSeconds(30)));
            live.add(stream.next(Duration.ofSeconds(30)));
            assertThat(referralIds(live)).containsExactly(first.get(0).getReferralId(), first.get(1).getReferralId());
            assertThat(referralIdsWithin(otherAgency, Duration.ofSeconds(1)))
                .doesNotContain(first.get(0).getReferralId(), first.get(1).getReferralId());
        }
        assertThat(JSON.readTree(live.get(0).data()).get("subjectRef").isNull()).isTrue();
        assertThat(Long.parseLong(live.get(1).id())).isGreaterThan(Long.parseLong(live.get(0).id()));

        ReferralSubmitted third = submit(PROSECUTION, false);
        ReferralSubmitted fourth = submit(PROSECUTION, false);
        awaitNotification(third);
        awaitNotification(fourth);
        try (EventStream resumed = EventStream.open(url(), coordinator(PROSECUTION), live.get(1).id())) {
            List<EventStream.Event> missed = List.of(resumed.next(Duration.ofSeconds(10)),
                resumed.next(Duration.ofSeconds(10)));
            assertThat(referralIds(missed)).containsExactly(third.getReferralId(), fourth.getReferralId());
            assertThat(resumed.next(Duration.ofSeconds(1))).isNull();
        }
    }

    @Test
    void onlyCoordinatorsWithAValidTokenGetAStream() {
        assertThat(api.get(url(), null).status()).isEqualTo(401);
        assertThat(api.get(url(), CaseEventsTestData.caseworker(PROSECUTION)).status()).isEqualTo(403);
    }

    private void awaitNotification(ReferralSubmitted event) {
        await().atMost(Duration.ofSeconds(30))
            .until(() -> inboxAbout(api, port, PROSECUTION, event.getReferralId()).size() == 1);
    }

    private static List<String> referralIdsWithin(EventStream stream, Duration window) throws Exception {
        List<EventStream.Event> events = new ArrayList<>();
        long until = System.nanoTime() + window.toNanos();
        EventStream.Event event;
        while ((event = stream.next(Duration.ofNanos(Math.max(1, until - System.nanoTime())))) != null) {
            events.add(event);
        }
        return referralIds(events);
    }

    private static List<String> referralIds(List<EventStream.Event> events) throws Exception {
        List<String> ids = new ArrayList<>();
        for (EventStream.Event event : events) {
            assertThat(event).as("an event arrived in time").isNotNull();
            JsonNode data = JSON.readTree(event.data());
            ids.add(data.get("referralId").asText());
        }
        return ids;
    }

    private String url() {
        return "http://localhost:" + port + "/api/v1/notifications/stream";
    }
}
