package se.nexus.support.security;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/** The claims Nexus requires beside the standard ones; a token without them is rejected as invalid. */
final class NexusClaims implements OAuth2TokenValidator<Jwt> {

    static final String AGENCY = "agency";
    static final String ROLES = "roles";

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        String agency = jwt.getClaimAsString(AGENCY);
        if (jwt.getSubject() == null || agency == null || agency.isBlank() || !(jwt.getClaim(ROLES) instanceof Iterable<?>)) {
            return OAuth2TokenValidatorResult.failure(
                new OAuth2Error("invalid_token", "The token must carry sub, agency and roles", null));
        }
        return OAuth2TokenValidatorResult.success();
    }
}
