package se.nexus.schemas.registry;

import org.apache.avro.Schema;

import io.apicurio.registry.resolver.ParsedSchema;
import io.apicurio.registry.resolver.data.Record;
import io.apicurio.registry.resolver.strategy.ArtifactReference;
import io.apicurio.registry.resolver.strategy.ArtifactReferenceResolverStrategy;
import io.apicurio.registry.serde.data.SerdeMetadata;

/**
 * Makes Apicurio's serializer use the artifact that Confluent's TopicRecordNameStrategy subject names in the ccompat
 * API: group "default", artifact id {@code <topic>-<record full name>}. Apicurio's own TopicRecordIdStrategy puts the
 * artifact in a group named after the namespace with id {@code <topic>-<simple name>}, which ccompat does not see as
 * the same subject.
 */
public class ConfluentSubjectIdStrategy implements ArtifactReferenceResolverStrategy<Schema, Object> {

	@Override
	public ArtifactReference artifactReference(Record<Object> data, ParsedSchema<Schema> parsedSchema) {
		String topic = ((SerdeMetadata) data.metadata()).getTopic();
		return ArtifactReference.builder()
			.groupId("default")
			.artifactId(topic + "-" + parsedSchema.getParsedSchema().getFullName())
			.build();
	}
}
