package se.nexus.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.Test;

class SchemaRegistryIntegrationTests {

	private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

	private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"ReferralAccepted\",\"namespace\":\"se.nexus.test\","
			+ "\"fields\":[{\"name\":\"referralId\",\"type\":\"string\"}]}";

	private final Infrastructure infrastructure = SharedInfrastructure.get();

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void registersASchemaAndReadsItBack() throws Exception {
		String subject = "referral-" + UUID.randomUUID() + "-value";
		String body = JSONObjectUtils.toJSONString(Map.of("schema", SCHEMA));

		HttpResponse<String> registered = send(HttpRequest
			.newBuilder(URI.create(infrastructure.schemaRegistryUrl() + "/subjects/" + subject + "/versions"))
			.header("Content-Type", CONTENT_TYPE)
			.POST(HttpRequest.BodyPublishers.ofString(body)));
		assertThat(registered.statusCode()).isEqualTo(200);
		long id = JSONObjectUtils.getLong(JSONObjectUtils.parse(registered.body()), "id");

		HttpResponse<String> byId = get("/schemas/ids/" + id);
		assertThat(byId.statusCode()).isEqualTo(200);
		assertThat(byId.body()).contains("ReferralAccepted");
		assertThat(get("/subjects/" + subject + "/versions/latest").body()).contains("ReferralAccepted");
	}

	@Test
	void requiresBackwardTransitiveCompatibility() throws Exception {
		assertThat(get("/config").body()).contains("BACKWARD_TRANSITIVE");
	}

	private HttpResponse<String> get(String path) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(infrastructure.schemaRegistryUrl() + path)).GET());
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}
}
