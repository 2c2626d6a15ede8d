package se.nexus.schemas.registry;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;

/**
 * A client for the Confluent Schema Registry REST API (which Apicurio Registry also speaks under
 * {@code /apis/ccompat/v7}), limited to what an Avro serde needs.
 */
public class SchemaRegistryClient {

	/** Default time to establish a connection. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

	/** Default time for a whole request, so that a stuck registry fails a send instead of hanging it. */
	public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

	/** Default number of entries each cache keeps. */
	public static final int DEFAULT_CACHE_CAPACITY = 1000;

	private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final String baseUrl;

	private final Duration requestTimeout;

	private final HttpClient http;

	private final BoundedCache<SubjectSchema, Integer> idsBySubjectAndSchema;

	private final BoundedCache<Integer, Schema> schemasById;

	/** A client with the default timeouts and cache capacity. */
	public SchemaRegistryClient(String baseUrl) {
		this(baseUrl, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, DEFAULT_CACHE_CAPACITY);
	}

	public SchemaRegistryClient(String baseUrl, Duration connectTimeout, Duration requestTimeout, int cacheCapacity) {
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		this.requestTimeout = requestTimeout;
		this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
		this.idsBySubjectAndSchema = new BoundedCache<>(cacheCapacity);
		this.schemasById = new BoundedCache<>(cacheCapacity);
	}

	public String baseUrl() {
		return baseUrl;
	}

	/**
	 * Registers the schema's {@link PortableSchema portable form} under the subject (a no-op if it is there already)
	 * and returns its id.
	 */
	public int register(String subject, Schema schema) {
		return idFor("/subjects/" + encode(subject) + "/versions", subject, schema);
	}

	/**
	 * The id of the schema's {@link PortableSchema portable form} under the subject; a 404
	 * {@link SchemaRegistryException} if it is not registered there.
	 */
	public int lookup(String subject, Schema schema) {
		return idFor("/subjects/" + encode(subject), subject, schema);
	}

	/** The subject's own compatibility level; empty if the registry has none set for it (or no such subject). */
	public Optional<String> compatibility(String subject) {
		try {
			JsonNode body = sendJson("GET", "/config/" + encode(subject), null);
			return Optional.ofNullable(body.path("compatibilityLevel").asText(null));
		}
		catch (SchemaRegistryException e) {
			if (e.isNotFound()) {
				return Optional.empty();
			}
			throw e;
		}
	}

	/** Sets the subject's own compatibility level, e.g. BACKWARD_TRANSITIVE. */
	public void setCompatibility(String subject, String level) {
		sendJson("PUT", "/config/" + encode(subject), JSON.createObjectNode().put("compatibility", level).toString());
	}

	/** The schema with this id; a 404 {@link SchemaRegistryException} if the registry does not know it. */
	public Schema getById(int id) {
		return schemasById.computeIfAbsent(id, key -> parse(send("GET", "/schemas/ids/" + id, null)));
	}

	/** The latest version under the subject; never cached, since it changes when a new version is registered. */
	public RegisteredSchema getLatest(String subject) {
		return version(subject, "latest");
	}

	public RegisteredSchema getVersion(String subject, int version) {
		return version(subject, Integer.toString(version));
	}

	/** Whether the registry would accept the schema as the next version of the subject; true for a new subject. */
	public boolean isCompatible(String subject, Schema schema) {
		try {
			return send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
					PortableSchema.of(schema))
				.path("is_compatible")
				.asBoolean();
		}
		catch (SchemaRegistryException e) {
			if (e.isNotFound()) {
				return true;
			}
			throw e;
		}
	}

	// Java-only properties would make the registered text differ from the .avsc every other language sends.
	private int idFor(String path, String subject, Schema schema) {
		return idsBySubjectAndSchema.computeIfAbsent(new SubjectSchema(subject, schema), key -> {
			Schema portable = PortableSchema.of(schema);
			int id = send("POST", path, portable).path("id").asInt();
			schemasById.put(id, portable);
			return id;
		});
	}

	private RegisteredSchema version(String subject, String version) {
		JsonNode body = send("GET", "/subjects/" + encode(subject) + "/versions/" + version, null);
		Schema schema = parse(body);
		int id = body.path("id").asInt();
		schemasById.put(id, schema);
		return new RegisteredSchema(body.path("subject").asText(subject), body.path("version").asInt(), id, schema);
	}

	private JsonNode send(String method, String path, Schema schemaOrNull) {
		return sendJson(method, path, schemaOrNull == null ? null : schemaBody(schemaOrNull));
	}

	private JsonNode sendJson(String method, String path, String jsonOrNull) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
			.timeout(requestTimeout)
			.header("Accept", CONTENT_TYPE + ", application/json")
			.header("Content-Type", CONTENT_TYPE)
			.method(method, jsonOrNull == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(jsonOrNull))
			.build();
		HttpResponse<String> response = exchange(request, method + " " + path);
		JsonNode body = readTree(response.body());
		if (response.statusCode() / 100 != 2) {
			throw RegistryErrors.of(baseUrl, method + " " + path, response.statusCode(), body);
		}
		return body;
	}

	private HttpResponse<String> exchange(HttpRequest request, String call) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (HttpTimeoutException e) {
			throw new SchemaRegistryException("Schema registry " + baseUrl + " did not answer " + call + " within "
					+ requestTimeout.toMillis() + " ms", e);
		}
		catch (IOException e) {
			throw new SchemaRegistryException("Schema registry " + baseUrl + " could not be reached for " + call
					+ ": " + e, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new SchemaRegistryException("Interrupted while calling schema registry " + baseUrl, e);
		}
	}

	private static String schemaBody(Schema schema) {
		return JSON.createObjectNode().put("schema", schema.toString()).toString();
	}

	private static JsonNode readTree(String body) {
		try {
			return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
		}
		catch (IOException e) {
			// Not JSON (a proxy's error page, say): the status code alone must then explain the failure.
			return JSON.createObjectNode();
		}
	}

	/**
	 * Parses a schema, first fetching the schemas it references by subject and version (Confluent's schema
	 * references; Apicurio's own serializer registers nested named types that way).
	 */
	private Schema parse(JsonNode body) {
		Schema.Parser parser = new Schema.Parser();
		addReferences(parser, body.path("references"), new HashSet<>());
		return parser.parse(schemaText(body));
	}

	private void addReferences(Schema.Parser parser, JsonNode references, Set<String> added) {
		for (JsonNode reference : references) {
			String subject = reference.path("subject").asText();
			String version = reference.path("version").asText();
			if (added.add(subject + "/" + version)) {
				JsonNode referenced = send("GET", "/subjects/" + encode(subject) + "/versions/" + version, null);
				// A reference's own references first: Avro needs a name defined before it is used.
				addReferences(parser, referenced.path("references"), added);
				parser.parse(schemaText(referenced));
			}
		}
	}

	private static String schemaText(JsonNode body) {
		String text = body.path("schema").asText(null);
		if (text == null) {
			throw new SchemaRegistryException("Schema registry answered without a schema", 200, -1);
		}
		return text;
	}

	private static String encode(String subject) {
		return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private record SubjectSchema(String subject, Schema schema) {
	}
}
