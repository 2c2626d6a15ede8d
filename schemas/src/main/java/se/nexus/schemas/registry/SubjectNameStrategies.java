package se.nexus.schemas.registry;

import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.common.config.ConfigException;

/**
 * Resolves a configured strategy name; Confluent's class names map to ours so that the same properties work with
 * either serde.
 */
final class SubjectNameStrategies {

	private static final String CONFLUENT = "io.confluent.kafka.serializers.subject.";

	private static final Map<String, Supplier<SubjectNameStrategy>> KNOWN = Map.of(
			CONFLUENT + "TopicNameStrategy", TopicNameStrategy::new,
			CONFLUENT + "RecordNameStrategy", RecordNameStrategy::new,
			CONFLUENT + "TopicRecordNameStrategy", TopicRecordNameStrategy::new,
			TopicNameStrategy.class.getName(), TopicNameStrategy::new,
			RecordNameStrategy.class.getName(), RecordNameStrategy::new,
			TopicRecordNameStrategy.class.getName(), TopicRecordNameStrategy::new);

	private SubjectNameStrategies() {
	}

	static SubjectNameStrategy of(Object configured) {
		if (configured == null) {
			return new TopicNameStrategy();
		}
		String name = configured instanceof Class<?> type ? type.getName() : configured.toString().trim();
		Supplier<SubjectNameStrategy> known = KNOWN.get(name);
		return known != null ? known.get() : instantiate(name);
	}

	private static SubjectNameStrategy instantiate(String name) {
		try {
			ClassLoader loader = Thread.currentThread().getContextClassLoader();
			Class<?> type = Class.forName(name, true,
					loader != null ? loader : SubjectNameStrategies.class.getClassLoader());
			if (!SubjectNameStrategy.class.isAssignableFrom(type)) {
				throw new ConfigException("Subject name strategy " + name + " does not implement "
						+ SubjectNameStrategy.class.getName());
			}
			return (SubjectNameStrategy) type.getDeclaredConstructor().newInstance();
		}
		catch (ReflectiveOperationException | LinkageError e) {
			throw new ConfigException("Unknown subject name strategy " + name);
		}
	}
}
