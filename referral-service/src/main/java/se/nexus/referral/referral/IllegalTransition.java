package se.nexus.referral.referral;

import org.springframework.http.HttpStatus;

import se.nexus.support.web.ApiException;

/** A change the referral's status or the caller's part in it does not allow (409). */
public class IllegalTransition extends ApiException {

    public IllegalTransition(String message) {
        super(HttpStatus.CONFLICT, "illegal-transition", message);
    }
}
