package se.nexus.schemas.registry;

import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import se.nexus.events.consent.ConsentGranted;
import se.nexus.events.referral.ReferralSubmitted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaRegistryClientTests {

	private final FakeSchemaRegistry registry = new FakeSchemaRegistry();

	private final SchemaRegistryClient client = new SchemaRegistryClient(registry.url(), Duration.ofSeconds(2),
			Duration.ofMillis(500), 10);

	@AfterEach
	void stopRegistry() {
		registry.close();
	}

	@Test
	void registersLooksUpAndFetchesSchemas() {
		int id = client.register("nexus.referrals-value", ReferralSubmitted.getClassSchema());

		assertThat(client.lookup("nexus.referrals-value", ReferralSubmitted.getClassSchema())).isEqualTo(id);
		RegisteredSchema latest = client.getLatest("nexus.referrals-value");
		assertThat(latest).isEqualTo(new RegisteredSchema("nexus.referrals-value", 1, id,
				PortableSchema.of(ReferralSubmitted.getClassSchema())));
		assertThat(client.getVersion("nexus.referrals-value", 1)).isEqualTo(latest);
		assertThat(client.isCompatible("nexus.referrals-value", ReferralSubmitted.getClassSchema())).isTrue();
		assertThat(client.isCompatible("nexus.consents-value", ConsentGranted.getClassSchema()))
			.as("a subject without versions accepts anything").isTrue();
	}

	@Test
	void cachesIdsAndSchemasSoThatTheRegistryIsAskedOnce() {
		int id = client.register("s", ReferralSubmitted.getClassSchema());
		int afterRegister = registry.requests();

		client.register("s", ReferralSubmitted.getClassSchema());
		client.lookup("s", ReferralSubmitted.getClassSchema());
		assertThat(client.getById(id)).isEqualTo(PortableSchema.of(ReferralSubmitted.getClassSchema()));

		assertThat(registry.requests()).isEqualTo(afterRegister);
	}

	@Test
	void fetchesAnUnseenIdOnceAndCachesIt() {
		int id = registry.register("s", ConsentGranted.getClassSchema());

		assertThat(client.getById(id)).isEqualTo(ConsentGranted.getClassSchema());
		assertThat(client.getById(id)).isEqualTo(ConsentGranted.getClassSchema());
		assertThat(registry.requests()).isEqualTo(1);
	}

	@Test
	void reportsTheRegistrysErrorCodeAndMessageForAnUnknownId() {
		assertThatThrownBy(() -> client.getById(4711)).isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
			assertThat(e.isNotFound()).isTrue();
			assertThat(e.errorCode()).isEqualTo(40403);
			assertThat(e).hasMessage("Schema registry " + registry.url()
					+ " answered 404 to GET /schemas/ids/4711 (error 40403: Schema not found)");
		});
	}

	@Test
	void reportsALookupOfAnUnregisteredSchemaAsNotFound() {
		assertThatThrownBy(() -> client.lookup("s", ReferralSubmitted.getClassSchema()))
			.isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isNotFound()).isTrue());
	}

	@Test
	void reportsAServerErrorWithItsCodeAndAnUnparseableOneByStatus() {
		registry.failWith(500, FakeSchemaRegistry.error(50001, "Error in the backend data store"));
		assertThatThrownBy(() -> client.register("s", ReferralSubmitted.getClassSchema()))
			.isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
				assertThat(e.status()).isEqualTo(500);
				assertThat(e).hasMessageContaining("answered 500 to POST /subjects/s/versions")
					.hasMessageContaining("error 50001: Error in the backend data store");
			});

		registry.failWith(502, "<html>Bad gateway</html>");
		assertThatThrownBy(() -> client.getLatest("s")).isInstanceOf(SchemaRegistryException.class)
			.hasMessageEndingWith("answered 502 to GET /subjects/s/versions/latest");
	}

	@Test
	void givesUpOnASlowRegistryAfterTheRequestTimeout() {
		registry.answerAfter(Duration.ofSeconds(5));
		long start = System.nanoTime();

		assertThatThrownBy(() -> client.getById(1)).isInstanceOf(SchemaRegistryException.class)
			.hasMessageContaining("did not answer GET /schemas/ids/1 within 500 ms");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void reportsARegistryThatIsNotThere() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		SchemaRegistryClient absent = new SchemaRegistryClient("http://127.0.0.1:" + port);

		assertThatThrownBy(() -> absent.getById(1)).isInstanceOf(SchemaRegistryException.class)
			.hasMessageContaining("could not be reached for GET /schemas/ids/1");
	}

	@Test
	void encodesSubjectsInPaths() {
		client.register("topic with space-value", ReferralSubmitted.getClassSchema());
		assertThat(registry.subjects()).containsExactly("topic with space-value");
	}
}
