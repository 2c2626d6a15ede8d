package se.nexus.schemas.registry;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;

/** The serde's settings, read from Kafka client properties under Confluent's names. */
record SerdeConfig(List<String> urls, boolean autoRegister, boolean useLatestVersion, boolean specificReader,
		SubjectNameStrategy keyStrategy, SubjectNameStrategy valueStrategy, Duration connectTimeout,
		Duration requestTimeout, int cacheCapacity) {

	static final String SCHEMA_REGISTRY_URL = "schema.registry.url";

	static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

	static final String USE_LATEST_VERSION = "use.latest.version";

	static final String SPECIFIC_AVRO_READER = "specific.avro.reader";

	static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";

	static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";

	static final String CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";

	static final String READ_TIMEOUT_MS = "http.read.timeout.ms";

	static final String MAX_SCHEMAS_PER_SUBJECT = "max.schemas.per.subject";

	private static final String PREFIX = "schema.registry.";

	static SerdeConfig of(Map<String, ?> configs) {
		return new SerdeConfig(urls(configs.get(SCHEMA_REGISTRY_URL)), bool(configs, AUTO_REGISTER_SCHEMAS, true),
				bool(configs, USE_LATEST_VERSION, false), bool(configs, SPECIFIC_AVRO_READER, false),
				SubjectNameStrategies.of(configs.get(KEY_SUBJECT_NAME_STRATEGY)),
				SubjectNameStrategies.of(configs.get(VALUE_SUBJECT_NAME_STRATEGY)),
				millis(configs, CONNECT_TIMEOUT_MS, SchemaRegistryClient.DEFAULT_CONNECT_TIMEOUT),
				millis(configs, READ_TIMEOUT_MS, SchemaRegistryClient.DEFAULT_REQUEST_TIMEOUT),
				(int) number(configs, MAX_SCHEMAS_PER_SUBJECT, SchemaRegistryClient.DEFAULT_CACHE_CAPACITY));
	}

	SubjectNameStrategy strategy(boolean isKey) {
		return isKey ? keyStrategy : valueStrategy;
	}

	/** A client for the first URL: like Confluent's, further URLs are only fail-over candidates, which we do not use. */
	SchemaRegistryClient newClient() {
		if (urls.isEmpty()) {
			throw new ConfigException("Missing required configuration \"" + SCHEMA_REGISTRY_URL + "\"");
		}
		return new SchemaRegistryClient(urls.get(0), connectTimeout, requestTimeout, cacheCapacity);
	}

	private static List<String> urls(Object value) {
		if (value == null) {
			return List.of();
		}
		Collection<?> items = value instanceof Collection<?> list ? list : List.of(value.toString().split(","));
		return items.stream().map(item -> item.toString().trim()).filter(item -> !item.isEmpty()).toList();
	}

	private static boolean bool(Map<String, ?> configs, String name, boolean defaultValue) {
		Object value = configs.get(name);
		if (value == null) {
			return defaultValue;
		}
		String text = value.toString().trim();
		if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
			throw new ConfigException(name, value, "Expected true or false");
		}
		return Boolean.parseBoolean(text);
	}

	private static Duration millis(Map<String, ?> configs, String name, Duration defaultValue) {
		return Duration.ofMillis(number(configs, PREFIX + name, number(configs, name, defaultValue.toMillis())));
	}

	private static long number(Map<String, ?> configs, String name, long defaultValue) {
		Object value = configs.get(name);
		if (value == null) {
			return defaultValue;
		}
		try {
			long number = value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().trim());
			if (number <= 0) {
				throw new ConfigException(name, value, "Expected a positive number");
			}
			return number;
		}
		catch (NumberFormatException e) {
			throw new ConfigException(name, value, "Expected a number");
		}
	}
}
