package se.nexus.support.security;

import java.util.Set;

/**
 * Who is calling, as the bearer token says: a pseudonymous user or system ref, the agency it acts for,
 * and its roles. Resolved for any controller method parameter of this type.
 */
public record Caller(String userRef, String agency, Set<Role> roles) {

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
