package se.nexus.schemas.registry;

import org.apache.avro.Schema;

/** Decides the registry subject a record's schema is registered under, as Confluent's strategies of the same names. */
public interface SubjectNameStrategy {

	String subjectName(String topic, boolean isKey, Schema schema);
}
