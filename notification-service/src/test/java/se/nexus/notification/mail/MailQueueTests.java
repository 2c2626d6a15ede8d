package se.nexus.notification.mail;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import se.nexus.notification.delivery.Deliveries;
import se.nexus.notification.delivery.Delivery;
import se.nexus.notification.notification.CaseEventType;
import se.nexus.notification.notification.Notification;
import se.nexus.notification.notification.NotificationEvent;
import se.nexus.notification.notification.Urgency;
import se.nexus.support.participants.Agency;
import se.nexus.support.participants.AgencyKind;
import se.nexus.support.participants.Participants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.ArgumentMatchers.any;

/** When each alert is due, by the agency's settings: at once, after quiet hours, or with the next digest. */
class MailQueueTests {

    static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    static final String POLICE = "se.polisen.region-mitt";
    static final String HEALTH = "se.region-uppsala.vard";
    static final String CENTRE = "se.uppsala.nexus";

    final Deliveries deliveries = mock(Deliveries.class);
    final Participants participants = new Participants(List.of(
        new Agency(POLICE, AgencyKind.POLICE, "hedersbrott@polisen.example", "rlc@polisen.example", false),
        new Agency(HEALTH, AgencyKind.HEALTH_CARE, "hrv@vard.example", "jour@vard.example", false),
        new Agency(CENTRE, AgencyKind.RESOURCE_CENTRE, "samordning@nexus.example", "jour@nexus.example", true)),
        Map.of());
    final MailQueue queue = new MailQueue(deliveries, new MailProperties(true, "nexus@localhost",
        java.net.URI.create("http://localhost:8080"), STOCKHOLM, Duration.ofSeconds(1), 50, 10, Duration.ofSeconds(5),
        Duration.ofMinutes(5), Duration.ofMinutes(1),
        new MailProperties.Settings(null, Set.of(), Set.of(), null, Duration.ofHours(1)),
        List.of(new MailProperties.Settings(POLICE, null, null, QuietHours.valueOf("22:00-07:00"), null),
            new MailProperties.Settings(HEALTH, Set.of(CaseEventType.REFERRAL_SUBMITTED), Set.of(Urgency.IMMEDIATE,
                Urgency.URGENT), null, Duration.ZERO))), participants);

    @Test
    void quietHoursHoldAnUrgentAlertUntilMorningButNeverAnImmediateOne() {
        Instant night = at(23, 30);
        queue.on(notified(POLICE, Urgency.URGENT, night));
        queue.on(notified(POLICE, Urgency.IMMEDIATE, night));
        List<Delivery> recorded = recorded(2);
        assertThat(recorded.get(0).nextAttemptAt()).isEqualTo(ZonedDateTime.of(2026, 12, 3, 7, 0, 0, 0, STOCKHOLM).toInstant());
        assertThat(recorded.get(1).nextAttemptAt()).isEqualTo(night);
        assertThat(recorded).allSatisfy(delivery -> {
            assertThat(delivery.channel()).isEqualTo(Delivery.Channel.EMAIL);
            assertThat(delivery.recipient()).isEqualTo("hedersbrott@polisen.example");
        });
    }

    @Test
    void routineAlertsWaitForTheEndOfTheirDigestPeriodTogether() {
        queue.on(notified(CENTRE, Urgency.ROUTINE, at(10, 5)));
        queue.on(notified(CENTRE, Urgency.ROUTINE, at(10, 55)));
        queue.on(notified(CENTRE, Urgency.URGENT, at(10, 56)));
        List<Delivery> recorded = recorded(3);
        Instant eleven = at(11, 0);
        assertThat(recorded.get(0).nextAttemptAt()).isEqualTo(eleven);
        assertThat(recorded.get(1).nextAttemptAt()).isEqualTo(eleven);
        assertThat(recorded.get(0).digest()).isTrue();
        assertThat(recorded.get(2).digest()).isFalse();
        assertThat(recorded.get(2).nextAttemptAt()).isEqualTo(at(10, 56));
    }

    @Test
    void anAgencyGetsAlertsOnlyForTheTypesAndUrgenciesItChose() {
        queue.on(notified(HEALTH, Urgency.ROUTINE, at(10, 0)));
        queue.on(notified(HEALTH, Urgency.URGENT, at(10, 0), CaseEventType.REFERRAL_WITHDRAWN));
        verify(deliveries, never()).insert(any());
        queue.on(notified(HEALTH, Urgency.URGENT, at(10, 0)));
        assertThat(recorded(1).get(0).digest()).isFalse();
    }

    @Test
    void anEscalationAlertsTheFunctionAndOnCallAddressesAndTheCentreAtOnceEvenAtNight() {
        Instant night = at(2, 0);
        Notification overdue = notification(POLICE, "hedersbrott@polisen.example", Urgency.URGENT, night,
            CaseEventType.REFERRAL_SUBMITTED);
        Notification notice = notification(CENTRE, "samordning@nexus.example", Urgency.URGENT, night,
            CaseEventType.REFERRAL_SUBMITTED);
        queue.on(new NotificationEvent.Escalated(UUID.randomUUID(), night, overdue,
            List.of("rlc@polisen.example", "samordning@nexus.example"), List.of(notice)));
        List<Delivery> recorded = recorded(3);
        assertThat(recorded).extracting(Delivery::recipient)
            .containsExactly("hedersbrott@polisen.example", "rlc@polisen.example", "samordning@nexus.example");
        assertThat(recorded).allSatisfy(delivery -> {
            assertThat(delivery.kind()).isEqualTo(Delivery.Kind.ESCALATED);
            assertThat(delivery.nextAttemptAt()).isEqualTo(night);
        });
    }

    @Test
    void quietHoursMayEndTheSameDay() {
        QuietHours lunch = QuietHours.valueOf("12:00-13:00");
        assertThat(lunch.endIfWithin(at(12, 30), STOCKHOLM)).isEqualTo(at(13, 0));
        assertThat(lunch.endIfWithin(at(13, 0), STOCKHOLM)).isEqualTo(at(13, 0));
        assertThat(lunch.endIfWithin(at(11, 59), STOCKHOLM)).isEqualTo(at(11, 59));
        assertThat(QuietHours.valueOf("22:00-07:00").endIfWithin(at(6, 59), STOCKHOLM)).isEqualTo(at(7, 0));
        assertThat(new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0)).endIfWithin(at(21, 59), STOCKHOLM))
            .isEqualTo(at(21, 59));
    }

    private List<Delivery> recorded(int count) {
        ArgumentCaptor<Delivery> captor = ArgumentCaptor.forClass(Delivery.class);
        verify(deliveries, atLeast(count)).insert(captor.capture());
        assertThat(captor.getAllValues()).hasSize(count);
        return captor.getAllValues();
    }

    private static Instant at(int hour, int minute) {
        return ZonedDateTime.of(2026, 12, 2, hour, minute, 0, 0, STOCKHOLM).toInstant();
    }

    private static NotificationEvent.Notified notified(String agency, Urgency urgency, Instant at) {
        return notified(agency, urgency, at, CaseEventType.REFERRAL_SUBMITTED);
    }

    private static NotificationEvent.Notified notified(String agency, Urgency urgency, Instant at, CaseEventType type) {
        String address = switch (agency) {
            case POLICE -> "hedersbrott@polisen.example";
            case HEALTH -> "hrv@vard.example";
            default -> "samordning@nexus.example";
        };
        return new NotificationEvent.Notified(UUID.randomUUID(), at, notification(agency, address, urgency, at, type));
    }

    private static Notification notification(String agency, String address, Urgency urgency, Instant at,
            CaseEventType type) {
        return new Notification(UUID.randomUUID(), 1, agency, address, UUID.randomUUID(), "p-1", UUID.randomUUID(), type,
            urgency, at, at.plus(Duration.ofHours(4)), null, null, null, null, null);
    }
}
