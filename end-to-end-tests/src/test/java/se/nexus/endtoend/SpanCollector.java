package se.nexus.endtoend;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * A trace collector for the shared platform: the services export their spans to it over OTLP/HTTP (protobuf), as
 * they would to Jaeger in docker-compose, and tests read back which service recorded which span of a trace.
 */
final class SpanCollector {

    static final String PATH = "/v1/traces";

    private final WireMockServer server;

    private SpanCollector(WireMockServer server) {
        this.server = server;
    }

    static SpanCollector start() {
        WireMockServer server = new WireMockServer(options().dynamicPort()
            .maxRequestJournalEntries(10_000));
        server.start();
        server.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
            .withHeader("Content-Type", "application/x-protobuf")));
        return new SpanCollector(server);
    }

    /** Where the services send their spans. */
    String endpoint() {
        return "http://localhost:" + server.port() + PATH;
    }

    /** Every span received so far of this trace (32 hex digits), with the service that recorded it. */
    List<CollectedSpan> spansOf(String traceId) {
        List<CollectedSpan> spans = new ArrayList<>();
        for (LoggedRequest request : server.findAll(postRequestedFor(urlEqualTo(PATH)))) {
            for (ResourceSpans resource : parse(request.getBody()).getResourceSpansList()) {
                String service = attribute(resource.getResource().getAttributesList(), "service.name");
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    scope.getSpansList().stream()
                        .filter(span -> HexFormat.of().formatHex(span.getTraceId().toByteArray()).equals(traceId))
                        .forEach(span -> spans.add(new CollectedSpan(service, span.getName(), span.toString())));
                }
            }
        }
        return spans;
    }

    private static ExportTraceServiceRequest parse(byte[] body) {
        try {
            return ExportTraceServiceRequest.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("A service sent spans that are not OTLP protobuf", e);
        }
    }

    private static String attribute(List<KeyValue> attributes, String key) {
        return attributes.stream().filter(attribute -> attribute.getKey().equals(key))
            .map(attribute -> attribute.getValue().getStringValue()).findFirst().orElse("");
    }

    /** One span: the service that recorded it, its name, and all it carries as text. */
    record CollectedSpan(String service, String name, String content) {
    }
}
