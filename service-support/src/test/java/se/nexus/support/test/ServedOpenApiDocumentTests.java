package se.nexus.support.test;

import java.nio.file.Path;

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

    /** The checks for the service of this name, whose committed document is {@code docs/openapi/<service>.json}. */
    protected ServedOpenApiDocumentTests(String service) {
        this.service = service;
    }

    @BeforeEach
    void fetchTheServedDocument() {
        contract = OpenApiContract.served(port);
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
