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

	/** The keys the services sign their events with, and the folder of those every consumer trusts. */
	EventSigningKeys signingKeys();

	/**
	 * The connection of {@code principal}, its events signed as {@code signer}'s: a test or tool that stands in for a
	 * service's producer.
	 */
	default KafkaConnection kafka(String principal, String signer) {
		return kafka(principal).withSigning(signingKeys().of(signer));
	}

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
