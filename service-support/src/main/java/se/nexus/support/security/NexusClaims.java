package se.nexus.support.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import se.nexus.support.participants.Participants;

/**
 * The claims Nexus requires beside the standard ones, checked for their JSON type and against the participant
 * directory: a string {@code sub}; a string {@code agency} that participates; a {@code roles} array of strings,
 * each a role that agency's kind may hold; and an {@code exp} no further ahead than the configured lifetime, from
 * {@code iat} and from now (Spring fills in a missing {@code iat} from {@code exp}). Anything else makes the whole token invalid (401), never a best-effort reading of it.
 */
final class NexusClaims implements OAuth2TokenValidator<Jwt> {

    static final String AGENCY = "agency";
    static final String ROLES = "roles";

    private final Participants participants;
    private final Duration maxLifetime;
    private final Clock clock;

    /** Clocks of issuer and service may differ by this much, as Spring's own timestamp check allows. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    NexusClaims(Participants participants, Duration maxLifetime, Clock clock) {
        this.participants = participants;
        this.maxLifetime = maxLifetime;
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        String problem = problem(jwt);
        return problem == null ? OAuth2TokenValidatorResult.success()
            : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", problem, null));
    }

    private String problem(Jwt jwt) {
        if (!(jwt.getClaims().get("sub") instanceof String subject) || subject.isBlank()) {
            return "The token must name its subject (sub)";
        }
        if (!(jwt.getClaims().get(AGENCY) instanceof String agency) || !participants.knows(agency)) {
            return "The token's agency claim must be the id of a participating agency";
        }
        if (!(jwt.getClaims().get(ROLES) instanceof Collection<?> roles)) {
            return "The token must carry a roles array";
        }
        for (Object role : roles) {
            if (!(role instanceof String name) || !participants.mayHold(agency, name)) {
                return "The token claims a role its agency may not hold";
            }
        }
        return lifetimeProblem(jwt.getIssuedAt(), jwt.getExpiresAt());
    }

    private String lifetimeProblem(Instant issuedAt, Instant expiresAt) {
        if (issuedAt == null || expiresAt == null) {
            return "The token must carry iat and exp";
        }
        if (Duration.between(issuedAt, expiresAt).compareTo(maxLifetime) > 0
                || expiresAt.isAfter(clock.instant().plus(maxLifetime).plus(CLOCK_SKEW))) {
            return "The token's lifetime is longer than " + maxLifetime;
        }
        return null;
    }
}
