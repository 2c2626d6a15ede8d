package se.nexus.support.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BiConsumer;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * A service's served OpenAPI document, parsed strictly, with the checks every service's contract must pass and a
 * way to hold real answers against it. The document is also written to {@code target/openapi.json} for linters and
 * client generators, pretty-printed, with the service's address in the local stack as its server (springdoc names
 * the test's random port there).
 */
public final class OpenApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String json;
    private final OpenAPI api;
    private final String server;

    private OpenApiContract(String json, OpenAPI api, String server) {
        this.json = json;
        this.api = api;
        this.server = server;
    }

    /**
     * Fetches {@code /v3/api-docs} from the service on the port, fails on any parse message, and keeps a copy that
     * names {@code server} (the service's address where clients meet it) instead of the test's port.
     */
    public static OpenApiContract served(int port, String server) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            SwaggerParseResult result = new OpenAPIV3Parser().readContents(response.body(), null, options);
            assertThat(result.getMessages()).as("parser messages").isEmpty();
            assertThat(result.getOpenAPI()).isNotNull();
            Path copy = Path.of("target", "openapi.json");
            Files.createDirectories(copy.getParent());
            Files.writeString(copy, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(portable(response.body(), server)) + "\n");
            return new OpenApiContract(response.body(), result.getOpenAPI(), server);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The document as JSON naming the given server: the one part that depends on where it was served. */
    private static JsonNode portable(String json, String server) throws IOException {
        ObjectNode document = (ObjectNode) JSON.readTree(json);
        document.putArray("servers").addObject().put("url", server)
            .put("description", "The local stack (mvn -Plocal); a deployment serves it at its own address");
        return document;
    }

    /**
     * The served document says exactly what the committed copy says: the copy is what the generated clients are
     * built from, so a change to the API that is not also a change to the copy breaks the build.
     */
    public void assertSameAsCommitted(Path committed) {
        try {
            assertThat(portable(json, server)).as("The served OpenAPI document differs from " + committed.normalize()
                    + ", which the end-to-end tests' generated clients are built from. If the change is meant, copy "
                    + "target/openapi.json over it.")
                .isEqualTo(JSON.readTree(Files.readString(committed)));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + committed, e);
        }
    }

    public OpenAPI api() {
        return api;
    }

    public String json() {
        return json;
    }

    /** Each operation under {@code /api/}, with its path template. */
    public void forEachApiOperation(BiConsumer<String, Map.Entry<PathItem.HttpMethod, Operation>> check) {
        api.getPaths().forEach((path, item) -> {
            if (path.startsWith("/api/")) {
                item.readOperationsMap().entrySet().forEach(operation -> check.accept(path, operation));
            }
        });
    }

    /**
     * What every service's document must say: no internal parameters, the token, problem details (429 with
     * {@code Retry-After} included: any call may find the instance full), JSON answers.
     */
    public void assertEveryOperationIsFullyDescribed() {
        assertThat(api.getInfo().getTitle()).isNotEqualTo("OpenAPI definition");
        assertThat(api.getComponents().getSecuritySchemes()).containsKey("bearer");
        assertThat(api.getComponents().getSchemas().get("Problem").getProperties())
            .containsKeys("type", "title", "status", "detail", "errors");
        assertThat(json).doesNotContain("\"*/*\"");
        forEachApiOperation((path, entry) -> {
            Operation operation = entry.getValue();
            String name = entry.getKey() + " " + path;
            assertThat(operation.getParameters() == null ? java.util.List.<String>of()
                : operation.getParameters().stream().map(p -> p.getName()).toList()).as(name).doesNotContain("caller");
            assertThat(operation.getSecurity()).as(name).anySatisfy(s -> assertThat(s).containsKey("bearer"));
            assertThat(operation.getSummary()).as(name).isNotBlank();
            for (String refusal : new String[] { "400", "401", "403" }) {
                assertProblem(name, refusal, operation.getResponses().get(refusal));
            }
            operation.getResponses().forEach((code, response) -> {
                if (code.startsWith("4") || code.startsWith("5")) {
                    assertProblem(name, code, response);
                }
            });
            if (path.contains("{")) {
                assertProblem(name, "404", operation.getResponses().get("404"));
            }
            if (operation.getRequestBody() != null) {
                assertProblem(name, "413", operation.getResponses().get("413"));
            }
            assertProblem(name, "429", operation.getResponses().get("429"));
            assertThat(operation.getResponses().get("429").getHeaders()).as(name + " 429").containsKey("Retry-After");
            assertThat(operation.getResponses().keySet()).as(name).anyMatch(code -> code.startsWith("2"));
            operation.getResponses().forEach((code, response) -> {
                if (code.startsWith("2") && response.getContent() != null) {
                    assertThat(response.getContent()).as(name + " " + code).isNotEmpty();
                }
            });
        });
    }

    private static void assertProblem(String operation, String code, ApiResponse response) {
        assertThat(response).as(operation + " documents " + code).isNotNull();
        assertThat(response.getContent()).as(operation + " " + code).containsOnlyKeys("application/problem+json");
        assertThat(response.getContent().get("application/problem+json").getSchema().get$ref())
            .as(operation + " " + code).endsWith("/Problem");
    }

    /** The documented answer of an operation for a status, failing when the status is not documented. */
    public ApiResponse response(String method, String path, int status) {
        PathItem item = api.getPaths().get(path);
        assertThat(item).as("documented path " + path).isNotNull();
        Operation operation = item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method));
        assertThat(operation).as("documented " + method + " " + path).isNotNull();
        ApiResponse response = operation.getResponses().get(Integer.toString(status));
        assertThat(response).as(method + " " + path + " documents " + status).isNotNull();
        return response;
    }

    /** Holds a real answer against the document: its status, its content type and the headers it promises. */
    public void assertAnswers(String method, String path, HttpResponse<?> answer) {
        ApiResponse documented = response(method, path, answer.statusCode());
        String contentType = answer.headers().firstValue("Content-Type").orElse(null);
        if (documented.getContent() == null || documented.getContent().isEmpty()) {
            return;
        }
        assertThat(contentType).as(method + " " + path + " " + answer.statusCode()).isNotNull();
        String mediaType = contentType.split(";")[0].trim();
        assertThat(documented.getContent()).as(method + " " + path + " " + answer.statusCode() + " content")
            .containsKey(mediaType);
        if (documented.getHeaders() != null) {
            documented.getHeaders().forEach((header, spec) -> {
                if (Boolean.TRUE.equals(spec.getRequired())) {
                    assertThat(answer.headers().firstValue(header)).as(method + " " + path + " header " + header)
                        .isPresent();
                }
            });
        }
    }
}
