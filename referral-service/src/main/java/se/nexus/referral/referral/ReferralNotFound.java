package se.nexus.referral.referral;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import se.nexus.support.web.ApiException;

/** No such referral, or none the caller's agency may see: the two are indistinguishable on purpose (404). */
public class ReferralNotFound extends ApiException {

    public ReferralNotFound(UUID id) {
        super(HttpStatus.NOT_FOUND, "referral-not-found", "No referral " + id);
    }
}
