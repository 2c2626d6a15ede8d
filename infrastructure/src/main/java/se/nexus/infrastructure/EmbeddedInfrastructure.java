package se.nexus.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Real servers started by code without Docker, on free ports with temporary data. */
public final class EmbeddedInfrastructure implements Infrastructure {

	private final Postgres postgres;

	private final KafkaBroker kafka;

	private final SchemaRegistry registry;

	private final TokenIssuer tokenIssuer;

	private EmbeddedInfrastructure(Postgres postgres, KafkaBroker kafka, SchemaRegistry registry,
			TokenIssuer tokenIssuer) {
		this.postgres = postgres;
		this.kafka = kafka;
		this.registry = registry;
		this.tokenIssuer = tokenIssuer;
	}

	/** Starts all four in parallel under a new temporary folder. */
	public static EmbeddedInfrastructure start() {
		Path dir = temporaryFolder();
		CompletableFuture<SchemaRegistry> registry = CompletableFuture
			.supplyAsync(() -> SchemaRegistry.start(dir, 0, null));
		CompletableFuture<Postgres> postgres = CompletableFuture.supplyAsync(() -> Postgres.start(null, 0));
		// A certificate authority of this test JVM's own: certificates for the broker and every principal.
		CompletableFuture<KafkaBroker> kafka = CompletableFuture.supplyAsync(() -> KafkaBroker.start(dir.resolve("kafka"),
				0, LocalCertificateAuthority.openOrCreate(dir.resolve("tls"), "Nexus test CA")));
		TokenIssuer tokenIssuer = TokenIssuer.start(0, DemoClients.all(), null);
		try {
			return new EmbeddedInfrastructure(postgres.join(), kafka.join(), registry.join(), tokenIssuer);
		}
		catch (CompletionException e) {
			// Whatever did start is stopped by the shutdown hooks.
			throw e.getCause() instanceof RuntimeException cause ? cause : e;
		}
	}

	private static Path temporaryFolder() {
		try {
			Path base = Path.of(System.getProperty("java.io.tmpdir"));
			Files.createDirectories(base);
			return Files.createTempDirectory(base, "nexus-infrastructure");
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public String kafkaBootstrapServers() {
		return kafka.bootstrapServers();
	}

	@Override
	public KafkaConnection kafka(String principal) {
		return kafka.connection(principal);
	}

	@Override
	public EventSigningKeys signingKeys() {
		return kafka.signingKeys();
	}

	@Override
	public String schemaRegistryUrl() {
		return registry.url();
	}

	@Override
	public Database database(String name) {
		return postgres.database(name);
	}

	@Override
	public TokenIssuer tokenIssuer() {
		return tokenIssuer;
	}

	@Override
	public Optional<KafkaBroker> kafkaBroker() {
		return Optional.of(kafka);
	}

	@Override
	public void close() {
		tokenIssuer.stop();
		registry.stop();
		kafka.stop();
		postgres.stop();
	}

	@Override
	public String toString() {
		return "embedded (Kafka " + kafkaBootstrapServers() + ", registry " + schemaRegistryUrl() + ", " + postgres
				+ ", " + tokenIssuer + ")";
	}
}
