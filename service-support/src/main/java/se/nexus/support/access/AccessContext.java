package se.nexus.support.access;

import java.util.List;
import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who reads, as an access event records it: the agency, the pseudonymous user ref, the role, whether a person or an
 * agency's system holds the token, and whether it came through the console. Read from the verified token.
 */
public record AccessContext(String agency, String userRef, String role, String holder, String channel) {

    public static final String PERSON = "PERSON";
    public static final String SYSTEM = "SYSTEM";
    public static final String API = "API";
    public static final String CONSOLE = "CONSOLE";

    /** The caller of the current request, if it was authenticated with a token. */
    public static AccessContext current(String consoleClientId) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            return null;
        }
        return fromClaims(token.getToken().getClaims(), consoleClientId);
    }

    /**
     * From a token's claims: a token whose {@code client_id} is not its subject was issued to a person through that
     * client (RFC 9068); one without {@code client_id}, or whose subject is the client, to the agency's system.
     */
    public static AccessContext fromClaims(Map<String, Object> claims, String consoleClientId) {
        String subject = text(claims.get("sub"));
        String client = text(claims.get("client_id"));
        boolean person = client != null && !client.equals(subject);
        Object roles = claims.get("roles");
        String role = roles instanceof List<?> list && !list.isEmpty() ? String.valueOf(list.get(0)) : null;
        return new AccessContext(text(claims.get("agency")), subject, role, person ? PERSON : SYSTEM,
            client != null && client.equals(consoleClientId) ? CONSOLE : API);
    }

    private static String text(Object value) {
        return value instanceof String text ? text : null;
    }
}
