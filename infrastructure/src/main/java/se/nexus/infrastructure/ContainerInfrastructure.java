package se.nexus.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.admin.Admin;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Kafka, Confluent Schema Registry and PostgreSQL in Docker containers via Testcontainers; token issuer in this JVM.
 * Kafka here is plaintext without ACLs (the schema registry's store and the container's own listeners would each
 * need certificates): the mutual TLS and ACL tests run against the embedded broker only.
 */
public final class ContainerInfrastructure implements Infrastructure {

	private static final int REGISTRY_PORT = 8081;

	private final Network network;

	private final KafkaContainer kafka;

	private final PostgreSQLContainer postgres;

	private final GenericContainer<?> registry;

	private final TokenIssuer tokenIssuer;

	/** The events are signed here too: signatures do not depend on how the broker is reached. */
	private final EventSigningKeys signingKeys = EventSigningKeys.openOrCreate(temporaryFolder().resolve("signing"));

	private ContainerInfrastructure(Network network, KafkaContainer kafka, PostgreSQLContainer postgres,
			GenericContainer<?> registry, TokenIssuer tokenIssuer) {
		this.network = network;
		this.kafka = kafka;
		this.postgres = postgres;
		this.registry = registry;
		this.tokenIssuer = tokenIssuer;
	}

	/** Starts the containers on a shared network. */
	@SuppressWarnings("resource")
	public static ContainerInfrastructure start() {
		Network network = Network.newNetwork();
		KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1").withNetwork(network)
			.withNetworkAliases("kafka")
			.withListener("kafka:19092");
		PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17-alpine").withNetwork(network);
		CompletableFuture<Void> database = CompletableFuture.runAsync(postgres::start);
		kafka.start();
		GenericContainer<?> registry = new GenericContainer<>("confluentinc/cp-schema-registry:8.0.0")
			.withNetwork(network)
			.withExposedPorts(REGISTRY_PORT)
			.withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
			.withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:" + REGISTRY_PORT)
			.withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
			.waitingFor(Wait.forHttp("/subjects").forStatusCode(200));
		registry.start();
		database.join();
		ContainerInfrastructure started = new ContainerInfrastructure(network, kafka, postgres, registry,
				TokenIssuer.start(0, DemoClients.all(), null));
		Http.requireBackwardTransitive(started.schemaRegistryUrl());
		try (Admin admin = Admin.create(started.kafka(KafkaAccess.OPERATOR).properties())) {
			KafkaAccess.createTopics(admin, DemoClients.withAgencyTopics());
		}
		return started;
	}

	@Override
	public String kafkaBootstrapServers() {
		return kafka.getBootstrapServers();
	}

	@Override
	public KafkaConnection kafka(String principal) {
		return KafkaConnection.plaintext(kafkaBootstrapServers()).withSigning(signingKeys.of(principal));
	}

	@Override
	public EventSigningKeys signingKeys() {
		return signingKeys;
	}

	private static Path temporaryFolder() {
		try {
			return Files.createTempDirectory("nexus-signing");
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public String schemaRegistryUrl() {
		return "http://" + registry.getHost() + ":" + registry.getMappedPort(REGISTRY_PORT);
	}

	@Override
	public synchronized Database database(String name) {
		if (!name.matches("[a-z][a-z0-9_]*")) {
			throw new IllegalArgumentException("Database names are lower case letters, digits and _: " + name);
		}
		String server = "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/";
		try (Connection connection = DriverManager.getConnection(server + postgres.getDatabaseName(),
				postgres.getUsername(), postgres.getPassword())) {
			if (!exists(connection, name)) {
				try (Statement create = connection.createStatement()) {
					create.execute("CREATE DATABASE " + name);
				}
			}
		}
		catch (SQLException e) {
			throw new IllegalStateException("Could not create database " + name, e);
		}
		return new Database(server + name, postgres.getUsername(), postgres.getPassword());
	}

	private static boolean exists(Connection connection, String name) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			query.setString(1, name);
			try (ResultSet result = query.executeQuery()) {
				return result.next();
			}
		}
	}

	@Override
	public TokenIssuer tokenIssuer() {
		return tokenIssuer;
	}

	@Override
	public Optional<KafkaBroker> kafkaBroker() {
		return Optional.empty();
	}

	@Override
	public void close() {
		tokenIssuer.stop();
		registry.stop();
		kafka.stop();
		postgres.stop();
		network.close();
	}

	@Override
	public String toString() {
		return "containers (Kafka " + kafkaBootstrapServers() + ", registry " + schemaRegistryUrl() + ")";
	}
}
