package se.nexus.support.openapi;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

import se.nexus.support.security.SecurityProperties;

/**
 * Makes a service's generated document say what the shared mechanisms do to every call: the bearer token and the
 * role the path needs, the problem details of each refusal, body limits, {@code Idempotency-Key}, admission control
 * (429 and 503 with {@code Retry-After}), and JSON answers. Controllers declare only what their own feature adds (a 409 for a transition, a 201 with {@code Location}).
 */
class ContractCustomizer implements OpenApiCustomizer {

    static final String BEARER = "bearer";
    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;
    private static final Set<PathItem.HttpMethod> CHANGES = EnumSet.of(PathItem.HttpMethod.POST,
        PathItem.HttpMethod.PUT, PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);

    private final OpenApiProperties properties;
    private final List<SecurityProperties.EndpointRole> roles;
    private final boolean idempotency;
    private final Admission admission;

    /** What the admission filter refuses in this service: nothing, too many requests, and changes while behind. */
    enum Admission {
        NONE, IN_FLIGHT, IN_FLIGHT_AND_OUTBOX_LAG
    }

    ContractCustomizer(OpenApiProperties properties, List<SecurityProperties.EndpointRole> roles, boolean idempotency,
            Admission admission) {
        this.properties = properties;
        this.roles = roles;
        this.idempotency = idempotency;
        this.admission = admission;
    }

    @Override
    public void customise(OpenAPI api) {
        api.info(info());
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        api.components(components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
            .scheme("bearer").bearerFormat("JWT")
            .description("An RS256 token of the configured issuer for audience nexus, with the claims agency and roles")));
        problemSchemas(api).forEach(components::addSchemas);
        if (api.getPaths() != null) {
            api.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> describe(path, method, operation)));
        }
    }

    private Info info() {
        Info info = new Info().title(properties.title()).version(properties.version());
        if (!properties.description().isBlank()) {
            info.description(properties.description());
        }
        if (!properties.licenseName().isBlank()) {
            info.license(new License().name(properties.licenseName())
                .url(properties.licenseUrl().isBlank() ? null : properties.licenseUrl()));
        }
        return info;
    }

    /** Resolved the way springdoc resolves the controllers' types, for the OpenAPI version it writes. */
    @SuppressWarnings("rawtypes")
    private static Map<String, Schema> problemSchemas(OpenAPI api) {
        boolean openapi31 = api.getOpenapi() != null && api.getOpenapi().startsWith("3.1");
        return ModelConverters.getInstance(openapi31).readAll(new AnnotatedType(Problem.class));
    }

    private void describe(String path, PathItem.HttpMethod method, Operation operation) {
        if (!path.startsWith("/api/")) {
            return;
        }
        operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        refusal(responses, HttpStatus.BAD_REQUEST,
            "Malformed JSON or JSON of the wrong types, or invalid fields (listed in errors, never with their values)");
        refusal(responses, HttpStatus.UNAUTHORIZED, "No bearer token, or an invalid or expired one");
        refusal(responses, HttpStatus.FORBIDDEN, "The token's role may not use this endpoint; it needs " + roleOf(path));
        if (path.contains("{")) {
            refusal(responses, HttpStatus.NOT_FOUND,
                "No such resource, or the caller's agency is not party to it: the two look the same on purpose");
        }
        if (operation.getRequestBody() != null) {
            refusal(responses, HttpStatus.CONTENT_TOO_LARGE, "The body is longer than this endpoint accepts");
        }
        if (idempotency && method == PathItem.HttpMethod.POST) {
            idempotent(operation, responses);
        }
        admitted(method, responses);
        responses.forEach(ContractCustomizer::typed);
        operation.responses(sorted(responses));
    }

    private String roleOf(String path) {
        PathContainer concrete = PathContainer.parsePath(path.replaceAll("\\{[^}]+}", "x"));
        return roles.stream().filter(rule -> PathPatternParser.defaultInstance.parse(rule.path()).matches(concrete))
            .map(rule -> "role " + rule.described()).findFirst().orElse("a valid token only");
    }

    /** What the Idempotency-Key filter adds to every POST of a service that honours it. */
    private static void idempotent(Operation operation, ApiResponses responses) {
        operation.addParametersItem(new HeaderParameter().name("Idempotency-Key").required(false)
            .description("Makes a retry safe: the same key with the same request gets the first answer again, per agency,"
                + " for the configured time")
            .schema(new StringSchema().pattern("^[\\x21-\\x7E]{1,200}$").minLength(1).maxLength(200))
            .example("2f1c9a6e-walkthrough"));
        refusal(responses, HttpStatus.CONFLICT, "A request with this Idempotency-Key is still being processed");
        responses.get("409").addHeaderObject("Retry-After", retryAfter());
        refusal(responses, HttpStatus.UNPROCESSABLE_CONTENT, "This Idempotency-Key was used for a different request");
    }

    /** What the admission filter answers before it reads a request; both come with {@code Retry-After}. */
    private void admitted(PathItem.HttpMethod method, ApiResponses responses) {
        if (admission == Admission.NONE) {
            return;
        }
        refusal(responses, HttpStatus.TOO_MANY_REQUESTS,
            "The service is handling as many requests as it can; nothing was changed, send it again later");
        if (admission == Admission.IN_FLIGHT_AND_OUTBOX_LAG && CHANGES.contains(method)) {
            refusal(responses, HttpStatus.SERVICE_UNAVAILABLE,
                "The platform is behind on delivering events, or on recording them in the audit log; nothing was "
                    + "changed, send the change again later");
        }
    }

    /** Adds a refusal, or widens a controller's own description of the same status by the mechanism's reason. */
    private static void refusal(ApiResponses responses, HttpStatus status, String why) {
        String code = Integer.toString(status.value());
        ApiResponse existing = responses.get(code);
        if (existing == null) {
            responses.addApiResponse(code, new ApiResponse().description(why));
        } else if (existing.getDescription() == null || existing.getDescription().isBlank()) {
            existing.description(why);
        } else if (!existing.getDescription().contains(why)) {
            existing.description(existing.getDescription() + "; or: " + why);
        }
    }

    /** Every refusal is a problem detail; successes that springdoc left as any type are JSON. */
    private static void typed(String code, ApiResponse response) {
        int status = Integer.parseInt(code);
        if (status >= 400) {
            response.content(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
            if (status == 429 || status == 503) {
                // Every refusal of these kinds says when to try again; a 409 does only for an Idempotency-Key.
                response.addHeaderObject("Retry-After", retryAfter().required(true));
            }
        } else if (response.getContent() != null && response.getContent().containsKey("*/*")) {
            MediaType any = response.getContent().remove("*/*");
            response.getContent().addMediaType(JSON, any);
        }
    }

    private static Header retryAfter() {
        return new Header().description("Seconds to wait before trying again").schema(new IntegerSchema().minimum(
            java.math.BigDecimal.ONE));
    }

    private static ApiResponses sorted(ApiResponses responses) {
        ApiResponses sorted = new ApiResponses();
        new TreeMap<>(responses).forEach(sorted::addApiResponse);
        return sorted;
    }
}
