package se.nexus.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

import se.nexus.infrastructure.KafkaAccess;

class LocalPlatformIntegrationTests {

	private static final String SCHEMA = "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"ReferralSent\\\","
			+ "\\\"fields\\\":[{\\\"name\\\":\\\"id\\\",\\\"type\\\":\\\"string\\\"}]}\"}";

	private final HttpClient http = HttpClient.newHttpClient();

	// Under java.io.tmpdir, which surefire points into target/.
	private final Path root = temporaryRoot();

	@Test
	void startsTheServicesWithTheirSettingsAndStopsThem() throws Exception {
		copyIdentityProviderJar();
		for (String service : LocalPlatform.SERVICES) {
			writeFakeServiceJar(root.resolve(service + "/target/" + service + "-0.1.0-SNAPSHOT-exec.jar"));
		}
		LocalPlatform.Options options = LocalPlatform.Options.onFreePorts(root, root.resolve(".nexus-local"));
		String readiness;
		String idpReadiness;
		try (LocalPlatform platform = LocalPlatform.start(options, System.out::println)) {
			readiness = platform.serviceUrl("audit-service") + "/actuator/health/readiness";
			assertThat(status(readiness)).isEqualTo(200);
			String log = Files.readString(platform.logFile("audit-service"));
			assertThat(log).contains("NEXUS_DB_URL=jdbc:postgresql://localhost:")
				.contains("/audit\n")
				.contains("NEXUS_KAFKA_BOOTSTRAP_SERVERS=" + platform.kafkaBootstrapServers())
				.contains("NEXUS_KAFKA_SECURITY_PROTOCOL=SSL")
				.contains("NEXUS_KAFKA_KEYSTORE=" + platform.tlsDir().resolve("audit-service.pem"))
				.contains("NEXUS_KAFKA_TRUSTSTORE=" + platform.tlsDir().resolve("ca.crt"))
				.contains("NEXUS_SCHEMA_REGISTRY_URL=" + platform.schemaRegistryUrl())
				.contains("NEXUS_JWK_SET_URI=" + platform.jwkSetUri())
				.contains("NEXUS_JWT_ISSUER_URI=" + platform.issuerUri())
				.contains("NEXUS_DB_PASSWORD set: true");
			assertThat(platform.exitedServices()).isEmpty();
			assertThat(platform.token("se.uppsala.nexus", "AUDITOR")).isNotBlank();
			// The agency system's certificate, from the local authority, on the identity provider's mutual-TLS port.
			assertThat(platform.tokenByCertificate("se.uppsala.nexus", "AUDITOR")).isNotBlank();
			idpReadiness = platform.issuerUri() + "/actuator/health/readiness";
		}
		assertThat(status(readiness)).isEqualTo(-1);
		assertThat(status(idpReadiness)).isEqualTo(-1);
	}

	@Test
	void keepsSchemasAndSigningKeyBetweenRuns() throws Exception {
		copyIdentityProviderJar();
		LocalPlatform.Options options = LocalPlatform.Options.onFreePorts(root, root.resolve(".nexus-local"))
			.withServices(List.of());
		String id;
		String jwks;
		String authority;
		try (LocalPlatform platform = LocalPlatform.start(options, System.out::println)) {
			authority = Files.readString(platform.tlsDir().resolve("ca.crt"));
			HttpResponse<String> registered = http.send(HttpRequest
				.newBuilder(URI.create(platform.schemaRegistryUrl() + "/subjects/referrals-value/versions"))
				.header("Content-Type", "application/vnd.schemaregistry.v1+json")
				.POST(HttpRequest.BodyPublishers.ofString(SCHEMA))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(registered.statusCode()).isEqualTo(200);
			id = registered.body().replaceAll("\\D", "");
			jwks = get(platform.jwkSetUri());
		}
		try (LocalPlatform platform = LocalPlatform.start(options, System.out::println)) {
			HttpResponse<String> schema = http.send(
					HttpRequest.newBuilder(URI.create(platform.schemaRegistryUrl() + "/schemas/ids/" + id)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(schema.body()).contains("ReferralSent");
			assertThat(get(platform.jwkSetUri())).isEqualTo(jwks);
			// The same certificate authority, and the broker (its data and ACLs kept) takes its certificates again.
			assertThat(Files.readString(platform.tlsDir().resolve("ca.crt"))).isEqualTo(authority);
			try (Admin admin = Admin.create(platform.kafka(KafkaAccess.OPERATOR).properties())) {
				assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).containsAll(KafkaAccess.TOPICS);
			}
		}
	}

	private static Path temporaryRoot() {
		try {
			Path base = Path.of(System.getProperty("java.io.tmpdir"));
			Files.createDirectories(base);
			return Files.createTempDirectory(base, "local-platform");
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	private String get(String url) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
	}

	/** The real identity provider, built before this module (it is a dependency), in the temporary project root. */
	private void copyIdentityProviderJar() throws IOException {
		Path jar = LocalPlatform.Options.defaults(root, root).identityProviderJar();
		Path built = Path.of("..").resolve(root.relativize(jar)).toAbsolutePath().normalize();
		Files.createDirectories(jar.getParent());
		Files.copy(built, jar);
	}

	private int status(String url) {
		return Readiness.status(url);
	}

	private static void writeFakeServiceJar(Path jar) throws IOException {
		Files.createDirectories(jar.getParent());
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
		Path classes = Path.of(FakeService.class.getProtectionDomain().getCodeSource().getLocation().getPath());
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
				var files = Files.list(classes.resolve("se/nexus/local"))) {
			for (Path file : files.filter(f -> f.getFileName().toString().startsWith("FakeService")).toList()) {
				out.putNextEntry(new JarEntry("se/nexus/local/" + file.getFileName()));
				Files.copy(file, (OutputStream) out);
				out.closeEntry();
			}
		}
	}
}
