package se.nexus.schemas;

import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import se.nexus.events.Urgency;
import se.nexus.events.referral.ReferralSubmitted;

import static org.assertj.core.api.Assertions.assertThat;

/** Proves the gate refuses what would break consumers and lets compatible evolution through. */
class CompatibilityGateTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final Schema published = ReferralSubmitted.getClassSchema();

	@Test
	void refusesANewFieldWithoutDefault() {
		Schema changed = withField(published, field("priorityCode", "string", null));

		assertThat(CompatibilityGate.incompatibilities("ReferralSubmitted", changed, List.of(published)))
			.singleElement()
			.asString()
			.contains("ReferralSubmitted cannot read v1", "READER_FIELD_MISSING_DEFAULT", "priorityCode");
	}

	@Test
	void refusesARemovedEnumSymbol() {
		ObjectNode json = tree(Urgency.getClassSchema());
		((ArrayNode) json.get("symbols")).remove(2);
		Schema withoutRoutine = new Schema.Parser().parse(json.toString());

		assertThat(CompatibilityGate.incompatibilities("Urgency", withoutRoutine, List.of(Urgency.getClassSchema())))
			.singleElement()
			.asString()
			.contains("MISSING_ENUM_SYMBOLS", "ROUTINE");
	}

	@Test
	void refusesATypeChange() {
		ObjectNode json = tree(published);
		((ObjectNode) json.get("fields").get(1)).put("type", "int");
		Schema changed = new Schema.Parser().parse(json.toString());

		assertThat(CompatibilityGate.incompatibilities("ReferralSubmitted", changed, List.of(published)))
			.singleElement()
			.asString()
			.contains("TYPE_MISMATCH", "/fields/1/type");
	}

	@Test
	void checksAgainstEveryPublishedVersionNotOnlyTheLatest() {
		Schema v2 = withField(published, field("priorityCode", "string", "ROUTINE"));
		Schema v3 = new Schema.Parser().parse(tree(published).toString());

		// v3 dropped the defaulted field again: it reads v2 (extra fields are skipped), and v1; fine both ways.
		assertThat(CompatibilityGate.incompatibilities("ReferralSubmitted", v3, List.of(published, v2))).isEmpty();

		Schema v3WithoutDefault = withField(published, field("priorityCode", "string", null));
		assertThat(CompatibilityGate.incompatibilities("ReferralSubmitted", v3WithoutDefault, List.of(published, v2)))
			.as("v2 had the field, v1 did not: BACKWARD_TRANSITIVE must still fail on v1")
			.singleElement()
			.asString()
			.contains("cannot read v1");
	}

	@Test
	void acceptsANewFieldWithDefaultOnceRecordedAsANewVersion() {
		Schema v2 = withField(published, field("priorityCode", JSON.createArrayNode().add("null").add("string"), null)
			.putNull("default"));

		assertThat(CompatibilityGate.check(Map.of("ReferralSubmitted", v2), Map.of("ReferralSubmitted", List.of(published))))
			.as("compatible, but not yet recorded in the history")
			.singleElement()
			.asString()
			.contains("differs from its latest published version v1", "ReferralSubmitted/v2.avsc");
		assertThat(CompatibilityGate.check(Map.of("ReferralSubmitted", v2),
				Map.of("ReferralSubmitted", List.of(published, v2))))
			.isEmpty();
	}

	@Test
	void acceptsANewSchemaWithoutHistoryAndRefusesADeletedOne() {
		assertThat(CompatibilityGate.check(Map.of("ReferralSubmitted", published), Map.of())).isEmpty();
		assertThat(CompatibilityGate.check(Map.of(), Map.of("ReferralSubmitted", List.of(published))))
			.singleElement()
			.asString()
			.contains("ReferralSubmitted was published but its .avsc is gone");
	}

	private static ObjectNode tree(Schema schema) {
		try {
			return (ObjectNode) JSON.readTree(schema.toString());
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private static ObjectNode field(String name, Object type, String defaultValue) {
		ObjectNode field = JSON.createObjectNode().put("name", name).put("doc", "A field added in a test.");
		if (type instanceof JsonNode node) {
			field.set("type", node);
		}
		else {
			field.put("type", type.toString());
		}
		if (defaultValue != null) {
			field.put("default", defaultValue);
		}
		return field;
	}

	private static Schema withField(Schema schema, ObjectNode field) {
		ObjectNode json = tree(schema);
		((ArrayNode) json.get("fields")).add(field);
		return new Schema.Parser().parse(json.toString());
	}
}
