package se.nexus.support.test;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every service's served OpenAPI document must hold; each service's contract test extends this with what
 * only its own operations answer.
 */
public abstract class ServedOpenApiDocumentTests {

    @LocalServerPort
    protected int port;
    protected OpenApiContract contract;
    private final String service;

    /** Where each service answers in the local stack, the server its committed document names. */
    private static final Map<String, String> LOCAL_STACK = Map.of("referral-service", "http://localhost:8081",
        "notification-service", "http://localhost:8082", "audit-service", "http://localhost:8083");

    /** The checks for the service of this name, whose committed document is {@code docs/openapi/<service>.json}. */
    protected ServedOpenApiDocumentTests(String service) {
        this.service = service;
    }

    @BeforeEach
    void fetchTheServedDocument() {
        contract = OpenApiContract.served(port, LOCAL_STACK.get(service));
    }

    @Test
    void everyOperationIsFullyDescribed() {
        contract.assertEveryOperationIsFullyDescribed();
    }

    @Test
    void isTheCommittedDocumentTheClientsAreGeneratedFrom() {
        contract.assertSameAsCommitted(Path.of("..", "docs", "openapi", service + ".json"));
    }
}
