package se.nexus.infrastructure;

import java.util.Optional;

/** Running Kafka, schema registry, PostgreSQL and token issuer, whichever way they were started. */
public interface Infrastructure extends AutoCloseable {

	String kafkaBootstrapServers();

	/**
	 * How a Kafka client reaches the broker as this principal ({@link KafkaAccess}): over mutual TLS with the
	 * principal's certificate where the broker runs in this JVM, plaintext in a container.
	 */
	KafkaConnection kafka(String principal);

	/** The Confluent-compatible schema registry API base URL. */
	String schemaRegistryUrl();

	/** A database with this name, created if missing. */
	Database database(String name);

	TokenIssuer tokenIssuer();

	/** The in-JVM broker, so tests can restart it; empty when Kafka runs in a container. */
	Optional<KafkaBroker> kafkaBroker();

	/** Stops everything. */
	@Override
	void close();
}
