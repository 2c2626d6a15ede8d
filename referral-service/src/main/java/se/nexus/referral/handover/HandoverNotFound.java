package se.nexus.referral.handover;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import se.nexus.support.web.ApiException;

/** No such handover, or none the caller's agency is party to (404). */
class HandoverNotFound extends ApiException {

    HandoverNotFound(UUID id) {
        super(HttpStatus.NOT_FOUND, "handover-not-found", "No handover " + id);
    }
}
