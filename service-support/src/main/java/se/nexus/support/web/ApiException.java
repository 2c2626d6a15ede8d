package se.nexus.support.web;

import java.time.Duration;

import org.springframework.http.HttpStatus;

/**
 * A refusal the API reports as a problem detail. The message is part of the response, so subclasses
 * must word it from identifiers and codes only, never from personal data or free text.
 */
public abstract class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final Duration retryAfter;

    protected ApiException(HttpStatus status, String type, String message) {
        this(status, type, message, null);
    }

    /** A refusal the client may retry after the given time, said in a {@code Retry-After} header. */
    protected ApiException(HttpStatus status, String type, String message, Duration retryAfter) {
        super(message);
        this.status = status;
        this.type = type;
        this.retryAfter = retryAfter;
    }

    /** When the client may try again, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }
}
