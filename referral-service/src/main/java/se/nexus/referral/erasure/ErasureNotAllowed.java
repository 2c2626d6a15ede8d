package se.nexus.referral.erasure;

import org.springframework.http.HttpStatus;

import se.nexus.support.web.ApiException;

/** Only an auditor of a resource centre may erase a person's free text (403). */
public class ErasureNotAllowed extends ApiException {

    ErasureNotAllowed() {
        super(HttpStatus.FORBIDDEN, "forbidden", "Only an AUDITOR of a resource centre may erase a person's free text");
    }
}
