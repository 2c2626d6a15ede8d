package se.nexus.schemas.registry;

import org.apache.avro.Schema;

/** Subject {@code <topic>-<record full name>}: several event types per topic, each evolving on its own (Nexus's choice). */
public final class TopicRecordNameStrategy implements SubjectNameStrategy {

	@Override
	public String subjectName(String topic, boolean isKey, Schema schema) {
		return topic + "-" + schema.getFullName();
	}
}
