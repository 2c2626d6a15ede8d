package se.nexus.schemas.registry;

import org.apache.avro.Schema;

/** Subject {@code <record full name>}: one schema per record type, across topics. */
public final class RecordNameStrategy implements SubjectNameStrategy {

	@Override
	public String subjectName(String topic, boolean isKey, Schema schema) {
		return schema.getFullName();
	}
}
