package se.nexus.infrastructure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SslConfigs;

import se.nexus.infrastructure.EventSigningKeys.EventSigning;
import se.nexus.infrastructure.LocalCertificateAuthority.IssuedCertificate;

/**
 * How a Kafka client reaches the broker as one principal: the bootstrap servers and, over mutual TLS, the principal's
 * certificate and the authority to trust (PEM files, {@code ssl.keystore.type=PEM}); a null certificate means a
 * plaintext broker without ACLs (the Testcontainers path). With {@code signing}, the key its producers sign events
 * with and the keys its consumers trust (the project's serde reads them); null: neither (another platform's broker).
 */
public record KafkaConnection(String bootstrapServers, IssuedCertificate certificate, EventSigning signing) {

	/**
	 * Settings of the project's serde (schemas' {@code EventSignatures}, which builds after this module; a test there
	 * checks the names agree): the producer's signing key, the consumer's folder of trusted keys.
	 */
	public static final String SIGNING_KEY = "nexus.signing.key";

	public static final String TRUSTED_KEYS = "nexus.signing.trusted";

	public static KafkaConnection plaintext(String bootstrapServers) {
		return new KafkaConnection(bootstrapServers, null, null);
	}

	/** The same connection, its events signed and checked as {@code signing} says: a test acting as a service. */
	public KafkaConnection withSigning(EventSigning signing) {
		return new KafkaConnection(bootstrapServers, certificate, signing);
	}

	public String securityProtocol() {
		return certificate == null ? "PLAINTEXT" : "SSL";
	}

	/** Client settings: bootstrap servers and security, to which a producer, consumer or admin adds its own. */
	public Map<String, Object> properties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol());
		if (certificate != null) {
			properties.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM");
			properties.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, certificate.keyStore().toString());
			properties.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
			properties.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, certificate.trustStore().toString());
		}
		if (signing != null) {
			properties.put(TRUSTED_KEYS, signing.trusted().toString());
			if (signing.key() != null) {
				properties.put(SIGNING_KEY, signing.key().toString());
			}
		}
		return properties;
	}

	/** These settings plus more (later entries win). */
	public Map<String, Object> properties(Map<String, ?> more) {
		Map<String, Object> properties = properties();
		properties.putAll(more);
		return properties;
	}

	/** The environment a Nexus service reads them from (its application.yml). */
	public Map<String, String> environment() {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("NEXUS_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
		environment.put("NEXUS_KAFKA_SECURITY_PROTOCOL", securityProtocol());
		if (certificate != null) {
			environment.put("NEXUS_KAFKA_KEYSTORE", certificate.keyStore().toString());
			environment.put("NEXUS_KAFKA_TRUSTSTORE", certificate.trustStore().toString());
		}
		if (signing != null) {
			environment.put("NEXUS_KAFKA_TRUSTED_KEYS", signing.trusted().toString());
			if (signing.key() != null) {
				environment.put("NEXUS_KAFKA_SIGNING_KEY", signing.key().toString());
			}
		}
		return environment;
	}

	/** Names the principal and files, never their content. */
	@Override
	public String toString() {
		return certificate == null ? "Kafka " + bootstrapServers + " (plaintext)"
				: "Kafka " + bootstrapServers + " as " + certificate.principal() + " (mutual TLS)";
	}
}
