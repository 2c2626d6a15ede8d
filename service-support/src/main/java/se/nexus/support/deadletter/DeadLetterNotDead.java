package se.nexus.support.deadletter;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import se.nexus.support.web.ApiException;

/** Only a DEAD record can be replayed or resolved (409): a parked one waits its turn, a closed one is done. */
class DeadLetterNotDead extends ApiException {

    DeadLetterNotDead(UUID id, DeadLetterStatus status) {
        super(HttpStatus.CONFLICT, "dead-letter-not-dead", "Dead letter " + id + " is " + status + ": only a DEAD one "
            + "can be replayed or resolved" + (status == DeadLetterStatus.PARKED
                ? "; a parked record is applied once the dead letter it waits behind is replayed or resolved" : ""));
    }
}
