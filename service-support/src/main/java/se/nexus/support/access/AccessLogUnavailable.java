package se.nexus.support.access;

import org.springframework.http.HttpStatus;

import se.nexus.support.web.ApiException;

/** The access log could not record a read in time: the answer is withheld rather than given unlogged. */
public class AccessLogUnavailable extends ApiException {

    public AccessLogUnavailable() {
        super(HttpStatus.SERVICE_UNAVAILABLE, "access-log-unavailable",
            "The read could not be logged; nothing was disclosed. Try again shortly", java.time.Duration.ofSeconds(1));
    }
}
