package se.nexus.schemas.registry;

import org.apache.avro.Schema;

/** Subject {@code <topic>-key} or {@code <topic>-value}: one schema per topic (Confluent's default). */
public final class TopicNameStrategy implements SubjectNameStrategy {

	@Override
	public String subjectName(String topic, boolean isKey, Schema schema) {
		return topic + (isKey ? "-key" : "-value");
	}
}
