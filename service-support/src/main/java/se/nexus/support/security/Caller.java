package se.nexus.support.security;

/**
 * Who is calling, as the bearer token says: a pseudonymous user or system ref and the agency it acts for.
 * Resolved for any controller method parameter of this type; the role was checked before the call.
 */
public record Caller(String userRef, String agency) {
}
