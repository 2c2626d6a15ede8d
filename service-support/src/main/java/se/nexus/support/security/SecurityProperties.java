package se.nexus.support.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call what ({@code nexus.security}). Roles are checked per request path, before the request body is
 * read or an idempotent answer is replayed: a caller without the role learns nothing about its input or about
 * earlier answers.
 *
 * @param endpoints the roles each path pattern admits, first match wins; any other path needs only a valid token
 * @param maxTokenLifetime the longest a token may live from {@code iat} to {@code exp}
 */
@ConfigurationProperties("nexus.security")
public record SecurityProperties(@DefaultValue List<EndpointRole> endpoints,
        @DefaultValue("1h") Duration maxTokenLifetime) {

    /**
     * A path pattern (Spring's {@code PathPattern} syntax, e.g. {@code /api/v1/referrals/**}) and the roles it admits:
     * a caller needs one of them ({@code roles: AUDITOR} or {@code roles: FOLLOW_UP, AUDITOR}).
     */
    public record EndpointRole(String path, List<String> roles) {

        public EndpointRole {
            if (roles == null || roles.isEmpty()) {
                throw new IllegalArgumentException("nexus.security.endpoints: " + path + " names no roles");
            }
            roles = List.copyOf(roles);
        }

        /** The roles in words, for the API description. */
        public String described() {
            return String.join(" or ", roles);
        }
    }
}
