package se.nexus.notification.notification;

import org.springframework.http.HttpStatus;

import se.nexus.support.web.ApiException;

/** This instance serves as many streams as it is configured for (503); the client retries later. */
class StreamsExhausted extends ApiException {

    StreamsExhausted() {
        super(HttpStatus.SERVICE_UNAVAILABLE, "streams-exhausted", "Too many open notification streams, retry later");
    }
}
