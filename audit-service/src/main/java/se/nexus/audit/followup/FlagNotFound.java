package se.nexus.audit.followup;

import org.springframework.http.HttpStatus;

import se.nexus.support.web.ApiException;

/** No flag with that id. */
public class FlagNotFound extends ApiException {

    public FlagNotFound(long id) {
        super(HttpStatus.NOT_FOUND, "flag-not-found", "No flag " + id);
    }
}
