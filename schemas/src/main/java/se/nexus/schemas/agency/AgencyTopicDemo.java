package se.nexus.schemas.agency;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;

import se.nexus.events.agency.AgencyNotificationEscalated;
import se.nexus.events.agency.AgencyNotified;
import se.nexus.schemas.Topics;
import se.nexus.schemas.registry.KafkaAvroDeserializer;
import se.nexus.schemas.signing.EventSignatures;

/**
 * What an agency's system does to take its notifications from Kafka, as a demo to run against the local stack
 * (README, "Agency systems on Kafka"): it connects with the agency's own certificate (mutual TLS; the broker knows it
 * by the certificate's CN, the agency id), reads {@code nexus.agency.<agency id>} in a consumer group of its own
 * ({@code <agency id>:nexus-demo}), decodes each event with the schema registry and prints its references and codes,
 * one line each, until stopped. Not used by any service.
 */
public final class AgencyTopicDemo {

	/** The exit status after the broker refused the agency the topic or group (printed, not a failure of the demo). */
	public static final int REFUSED = 3;

	private AgencyTopicDemo() {
	}

	/**
	 * Arguments: the agency id, Kafka's bootstrap servers, the schema registry's URL, the folder of the certificates
	 * ({@code <agency id>.pem} and {@code ca.crt}) and, optionally, another topic to try instead of the agency's own.
	 */
	public static void main(String[] args) throws InterruptedException {
		if (args.length < 4) {
			System.err.println("Arguments: AGENCY_ID BOOTSTRAP_SERVERS SCHEMA_REGISTRY_URL TLS_FOLDER [TOPIC]");
			System.exit(2);
		}
		String agency = args[0];
		String topic = args.length > 4 && !args[4].isBlank() ? args[4] : Topics.agencyTopicOf(agency);
		AtomicBoolean stopped = new AtomicBoolean();
		Thread reader = Thread.currentThread();
		Thread stop = new Thread(() -> {
			stopped.set(true);
			joinQuietly(reader);
		});
		Runtime.getRuntime().addShutdownHook(stop);
		System.out.println("Reading " + topic + " as " + agency + " (Ctrl-C to stop)");
		try {
			read(settings(agency, args[1], args[2], Path.of(args[3])), topic, System.out::println, stopped::get);
		}
		catch (AuthorizationException e) {
			System.out.println("Refused by the broker: " + e.getMessage());
			Runtime.getRuntime().removeShutdownHook(stop);
			System.exit(REFUSED);
		}
	}

	/**
	 * An agency system's consumer settings: its own certificate and the authority's (PEM files, as Kafka reads them),
	 * a consumer group named after the agency, from the earliest event it has not read, and the registry's decoder.
	 */
	public static Map<String, Object> settings(String agency, String bootstrapServers, String registryUrl, Path tls) {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		settings.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL");
		settings.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM");
		settings.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, tls.resolve(agency + ".pem").toAbsolutePath().toString());
		settings.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
		settings.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, tls.resolve("ca.crt").toAbsolutePath().toString());
		// The broker lets an agency join only groups whose names start with its id and a colon.
		settings.put(ConsumerConfig.GROUP_ID_CONFIG, agency + ":nexus-demo");
		settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
		settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, KafkaAvroDeserializer.class.getName());
		settings.put("schema.registry.url", registryUrl);
		settings.put("specific.avro.reader", true);
		// Where the platform's public signing keys are at hand (the local stack keeps them beside its certificates),
		// an event is shown only if Nexus signed it (README, "Signed events").
		Path trusted = tls.toAbsolutePath().resolveSibling("signing").resolve("trusted");
		if (Files.isDirectory(trusted)) {
			settings.put(EventSignatures.TRUSTED_KEYS_CONFIG, trusted.toString());
		}
		return settings;
	}

	/** Reads the topic until stop says so, handing a line per event to out; the group's offsets are committed. */
	public static void read(Map<String, Object> settings, String topic, Consumer<String> out, BooleanSupplier stop) {
		try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(settings)) {
			consumer.subscribe(List.of(topic));
			while (!stop.getAsBoolean()) {
				for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(500))) {
					out.accept(line(record.key(), record.value()));
				}
			}
		}
	}

	/** One event as one line: its type, then its references and codes; an event type it does not know, by name. */
	static String line(String key, Object event) {
		if (event instanceof AgencyNotified notified) {
			return "AgencyNotified referral=%s notification=%s event=%s urgency=%s deadline=%s%s".formatted(
					notified.getReferralId(), notified.getNotificationId(), notified.getEventType(), notified.getUrgency(),
					notified.getDeadline(), notified.getOverdueAgency() == null ? ""
							: " overdueAgency=" + notified.getOverdueAgency());
		}
		if (event instanceof AgencyNotificationEscalated escalated) {
			return "AgencyNotificationEscalated referral=%s notification=%s event=%s urgency=%s deadline=%s escalatedAt=%s"
				.formatted(escalated.getReferralId(), escalated.getNotificationId(), escalated.getEventType(),
						escalated.getUrgency(), escalated.getDeadline(), escalated.getEscalatedAt());
		}
		String type = event instanceof GenericContainer container ? container.getSchema().getFullName() : "no value";
		return "(an event this reader does not know, skipped: " + type + ", key " + key + ")";
	}

	private static void joinQuietly(Thread thread) {
		try {
			thread.join(TimeUnit.SECONDS.toMillis(5));
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
