package se.nexus.notification.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** Limits on open notification streams: per instance, and per agency so that no agency takes every slot. */
class NotificationStreamTests {

    static final String POLICE = "se.polisen.region-mitt";
    static final String HEALTH_CARE = "se.region-uppsala.vard";

    NotificationStream stream(int maxSubscribers, int perAgency) {
        Notifications notifications = mock(Notifications.class);
        when(notifications.latestSeq(anyString())).thenReturn(0L);
        var properties = new StreamProperties(Duration.ofMillis(500), 100, Duration.ofSeconds(1), Duration.ofMinutes(30),
            Duration.ofSeconds(15), maxSubscribers, perAgency);
        var stream = new NotificationStream(notifications, properties, org.mockito.Mockito.mock(se.nexus.support.access.AccessLog.class), Clock.systemUTC());
        stream.start();
        return stream;
    }

    @Test
    void anAgencyPastItsShareIsRefusedWith429WhileOthersStillGetStreams() {
        NotificationStream stream = stream(10, 2);
        stream.subscribe(POLICE, null, null);
        stream.subscribe(POLICE, null, null);

        StreamsExhausted refused = catchThrowableOfType(StreamsExhausted.class, () -> stream.subscribe(POLICE, null, null));

        assertThat(refused.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.retryAfter()).isPositive();
        assertThat(stream.subscribe(HEALTH_CARE, null, null)).isNotNull();
    }

    @Test
    void theInstanceAsAWholeRefusesWith503WhenFull() {
        NotificationStream stream = stream(2, 2);
        stream.subscribe(POLICE, null, null);
        stream.subscribe(HEALTH_CARE, null, null);

        StreamsExhausted refused = catchThrowableOfType(StreamsExhausted.class,
            () -> stream.subscribe("se.uppsala.nexus", null, null));

        assertThat(refused.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }
}
