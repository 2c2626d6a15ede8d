package se.nexus.support.deadletter;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import se.nexus.support.web.ApiException;

/** The replayed record failed again (409): it stays DEAD and what is parked behind it keeps waiting. */
class DeadLetterFailedAgain extends ApiException {

    DeadLetterFailedAgain(UUID id, String reason) {
        super(HttpStatus.CONFLICT, "dead-letter-replay-failed", "Dead letter " + id + " failed again (" + reason
            + "); it stays DEAD and the records parked behind it keep waiting");
    }
}
