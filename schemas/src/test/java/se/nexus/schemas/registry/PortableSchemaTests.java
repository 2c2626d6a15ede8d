package se.nexus.schemas.registry;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import se.nexus.events.referral.ReferralSubmitted;

import static org.assertj.core.api.Assertions.assertThat;

class PortableSchemaTests {

	@Test
	void removesJavaPropertiesAtEveryDepthOfAGeneratedSchema() {
		Schema generated = ReferralSubmitted.getClassSchema();
		assertThat(generated.toString()).as("the generated class uses Java strings").contains("avro.java.string");

		Schema portable = PortableSchema.of(generated);

		assertThat(portable.toString()).doesNotContain("avro.java.");
		assertThat(portable.getField("metadata").schema().getField("causationId").schema().getTypes())
			.extracting(Schema::getType)
			.containsExactly(Schema.Type.NULL, Schema.Type.STRING);
		assertThat(portable.getField("metadata").schema().getField("occurredAt").schema().getLogicalType())
			.isNotNull();
	}

	@Test
	void stripsRecordsArraysMapsUnionsAndFieldsButKeepsDefaultsAndOtherProperties() {
		Schema schema = new Schema.Parser().parse("""
				{"type":"record","name":"R","avro.java.x":"1","fields":[
				 {"name":"a","avro.java.y":"2","type":{"type":"array","items":{"type":"string","avro.java.string":"String"}}},
				 {"name":"m","type":{"type":"map","values":{"type":"string","avro.java.string":"String"},"avro.java.z":"3"},
				  "default":{"avro.java.string":"kept, it is data"}},
				 {"name":"u","type":["null",{"type":"record","name":"N","fields":[
				   {"name":"s","type":{"type":"string","avro.java.string":"String","custom":"kept"}}]}],"default":null}]}
				""");

		Schema portable = PortableSchema.of(schema);

		assertThat(portable.toString()).doesNotContain("avro.java.string\":\"String").doesNotContain("avro.java.x")
			.doesNotContain("avro.java.y").doesNotContain("avro.java.z").contains("kept, it is data");
		assertThat(portable.getField("u").schema().getTypes().get(1).getField("s").schema().getProp("custom"))
			.isEqualTo("kept");
	}

	@Test
	void returnsASchemaWithoutJavaPropertiesAsItIs() {
		Schema plain = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"P\",\"fields\":[]}");
		assertThat(PortableSchema.of(plain)).isSameAs(plain);
	}
}
