package se.nexus.support.deadletter;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import se.nexus.support.web.ApiException;

/** No dead letter or parked record with this id (404). */
class DeadLetterNotFound extends ApiException {

    DeadLetterNotFound(UUID id) {
        super(HttpStatus.NOT_FOUND, "dead-letter-not-found", "No dead letter " + id);
    }
}
