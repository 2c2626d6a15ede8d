package se.nexus.support.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Who read, from the token: a person through the console, a person through another client, an agency's system. */
class AccessContextTests {

    @Test
    void aPersonsTokenFromTheConsoleIsAPersonOnTheConsole() {
        AccessContext reader = AccessContext.fromClaims(Map.of("sub", "6f1c0d1e-person", "client_id", "nexus-console",
            "agency", "se.uppsala.nexus", "roles", List.of("CASEWORKER")), "nexus-console");
        assertThat(reader).isEqualTo(new AccessContext("se.uppsala.nexus", "6f1c0d1e-person", "CASEWORKER",
            AccessContext.PERSON, AccessContext.CONSOLE));
    }

    @Test
    void aSystemsOwnTokenIsASystemOnTheApi() {
        AccessContext system = AccessContext.fromClaims(Map.of("sub", "se.polisen.region-mitt", "client_id",
            "se.polisen.region-mitt", "agency", "se.polisen.region-mitt", "roles", List.of("CASEWORKER")), "nexus-console");
        assertThat(system.holder()).isEqualTo(AccessContext.SYSTEM);
        assertThat(system.channel()).isEqualTo(AccessContext.API);
        // A token without client_id (another issuer, older tokens) counts as a system's.
        assertThat(AccessContext.fromClaims(Map.of("sub", "x", "agency", "a"), "nexus-console").holder())
            .isEqualTo(AccessContext.SYSTEM);
    }

    @Test
    void aPersonThroughAnotherClientIsAPersonOnTheApi() {
        AccessContext reader = AccessContext.fromClaims(Map.of("sub", "person-2", "client_id", "case-system-app",
            "agency", "se.uppsala.socialtjanst", "roles", List.of("COORDINATOR")), "nexus-console");
        assertThat(reader.holder()).isEqualTo(AccessContext.PERSON);
        assertThat(reader.channel()).isEqualTo(AccessContext.API);
        assertThat(reader.role()).isEqualTo("COORDINATOR");
    }
}
