package se.nexus.support.security;

/** The roles a token may carry in its {@code roles} claim. */
public enum Role {
    CASEWORKER, COORDINATOR, AUDITOR
}
