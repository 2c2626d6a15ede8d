package se.nexus.notification.notification;

import java.time.Duration;

import org.springframework.http.HttpStatus;

import se.nexus.support.web.ApiException;

/**
 * No stream can be opened now: this instance serves as many as it is configured for (503), or the caller's agency
 * already has its share of them (429), so that one agency cannot take every slot. The client retries later.
 */
class StreamsExhausted extends ApiException {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private StreamsExhausted(HttpStatus status, String type, String message) {
        super(status, type, message, RETRY_AFTER);
    }

    static StreamsExhausted forInstance() {
        return new StreamsExhausted(HttpStatus.SERVICE_UNAVAILABLE, "streams-exhausted",
            "Too many open notification streams, retry later");
    }

    static StreamsExhausted forAgency() {
        return new StreamsExhausted(HttpStatus.TOO_MANY_REQUESTS, "agency-streams-exhausted",
            "Your agency has as many notification streams open as it may, retry later");
    }
}
