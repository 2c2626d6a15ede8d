package se.nexus.schemas.registry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import se.nexus.events.Subject;
import se.nexus.infrastructure.SharedInfrastructure;
import se.nexus.schemas.EventTestData;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a producer or consumer outside Java sees in the real registry after our serializer registered a schema: it
 * sends the {@code .avsc} over plain HTTP, as confluent-kafka for Python does with {@code normalize.schemas=true},
 * and must find the id our serializer framed its message with, and the subject's compatibility level.
 */
class OutsideClientContractIntegrationTests {

	private static final Path AVRO = Path.of("src/main/avro");

	private static final ObjectMapper JSON = new ObjectMapper();

	private final String url = SharedInfrastructure.get().schemaRegistryUrl();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String topic = "it-outside-" + UUID.randomUUID();

	@Test
	void theAvscFileAsWrittenFindsTheIdOurSerializerRegistered() throws Exception {
		Subject record = EventTestData.referralSubmitted().getSubject();
		int ours = schemaIdIn(serializer().serialize(topic, record));

		String avsc = Files.readString(AVRO.resolve("shared/Subject.avsc"));
		HttpResponse<String> lookup = post("/subjects/" + topic + "-value?normalize=true", avsc);

		assertThat(lookup.statusCode()).as(lookup.body()).isEqualTo(200);
		assertThat(JSON.readTree(lookup.body()).path("id").asInt()).isEqualTo(ours);
	}

	@Test
	void anEventsAvscWithItsSharedTypesBundledFindsAndReRegistersToTheSameId() throws Exception {
		int ours = schemaIdIn(serializer().serialize(topic, EventTestData.referralSubmitted()));
		String bundled = bundled("referral/ReferralSubmitted.avsc").toPrettyString();

		HttpResponse<String> lookup = post("/subjects/" + topic + "-value?normalize=true", bundled);
		HttpResponse<String> register = post("/subjects/" + topic + "-value/versions?normalize=true", bundled);

		assertThat(lookup.statusCode()).as(lookup.body()).isEqualTo(200);
		assertThat(JSON.readTree(lookup.body()).path("id").asInt()).isEqualTo(ours);
		assertThat(JSON.readTree(register.body()).path("id").asInt()).as("no second version").isEqualTo(ours);
	}

	@Test
	void theSubjectAnswersTheCompatibilityLevelTheContractsAreKeptTo() throws Exception {
		serializer().serialize(topic, EventTestData.referralSubmitted());

		HttpResponse<String> config = http.send(request("/config/" + topic + "-value").GET().build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(config.statusCode()).as(config.body()).isEqualTo(200);
		assertThat(JSON.readTree(config.body()).path("compatibilityLevel").asText()).isEqualTo("BACKWARD_TRANSITIVE");
	}

	private KafkaAvroSerializer serializer() {
		KafkaAvroSerializer serializer = new KafkaAvroSerializer();
		serializer.configure(Map.of("schema.registry.url", url), false);
		return serializer;
	}

	private static int schemaIdIn(byte[] message) {
		return ByteBuffer.wrap(message, 1, 4).getInt();
	}

	/**
	 * The event's .avsc with each shared type it names written out where first used, as a client outside Java
	 * bundles the files into one self-contained schema (the registry holds no schema references for them).
	 */
	private static JsonNode bundled(String event) throws IOException {
		Map<String, JsonNode> shared = new HashMap<>();
		try (Stream<Path> files = Files.list(AVRO.resolve("shared"))) {
			for (Path file : files.toList()) {
				JsonNode schema = JSON.readTree(file.toFile());
				shared.put(schema.path("namespace").asText() + "." + schema.path("name").asText(), schema);
			}
		}
		return inline(JSON.readTree(AVRO.resolve(event).toFile()), shared);
	}

	private static JsonNode inline(JsonNode type, Map<String, JsonNode> shared) {
		if (type.isTextual()) {
			// Avro allows a name to be defined once only: later uses keep the reference.
			JsonNode definition = shared.remove(type.asText());
			return definition == null ? type : inline(definition.deepCopy(), shared);
		}
		if (type.isArray()) {
			ArrayNode branches = JSON.createArrayNode();
			type.forEach(branch -> branches.add(inline(branch, shared)));
			return branches;
		}
		ObjectNode copy = ((ObjectNode) type).deepCopy();
		for (String nested : new String[] { "items", "values" }) {
			if (copy.has(nested)) {
				copy.set(nested, inline(copy.get(nested), shared));
			}
		}
		if (copy.has("fields")) {
			ArrayNode fields = JSON.createArrayNode();
			copy.get("fields").forEach(field -> fields.add(((ObjectNode) field.deepCopy()).set("type",
					inline(field.get("type"), shared))));
			copy.set("fields", fields);
		}
		return copy;
	}

	private HttpResponse<String> post(String path, String schemaText) throws Exception {
		String body = JSON.createObjectNode().put("schema", schemaText).toString();
		return http.send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(url + path))
			.header("Content-Type", "application/vnd.schemaregistry.v1+json");
	}
}
