package se.nexus.support.web;

import org.springframework.http.HttpStatus;

/**
 * A refusal the API reports as a problem detail. The message is part of the response, so subclasses
 * must word it from identifiers and codes only, never from personal data or free text.
 */
public abstract class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String type;

    protected ApiException(HttpStatus status, String type, String message) {
        super(message);
        this.status = status;
        this.type = type;
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }
}
