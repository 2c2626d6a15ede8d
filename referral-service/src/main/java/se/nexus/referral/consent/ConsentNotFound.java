package se.nexus.referral.consent;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import se.nexus.support.web.ApiException;

/** No such consent, or none the caller's agency may see (404). */
class ConsentNotFound extends ApiException {

    ConsentNotFound(UUID id) {
        super(HttpStatus.NOT_FOUND, "consent-not-found", "No consent " + id);
    }
}
