package se.nexus.referral.retention;

import org.springframework.http.HttpStatus;

import se.nexus.support.web.ApiException;

/** Only an auditor of a resource centre may place or lift a legal hold (403). */
public class LegalHoldNotAllowed extends ApiException {

    LegalHoldNotAllowed() {
        super(HttpStatus.FORBIDDEN, "forbidden", "Only an AUDITOR of a resource centre may place or lift a legal hold");
    }
}
