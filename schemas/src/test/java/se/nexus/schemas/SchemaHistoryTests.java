package se.nexus.schemas;

import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The build's compatibility gate over the real schemas and their published history. */
class SchemaHistoryTests {

	private final Map<String, Schema> current = CompatibilityGate.currentSchemas(CompatibilityGate.CURRENT);

	private final Map<String, List<Schema>> history = CompatibilityGate.history(CompatibilityGate.HISTORY);

	@Test
	void everyCurrentSchemaReadsEveryPublishedVersionAndMatchesTheLatest() {
		assertThat(CompatibilityGate.check(current, history))
			.as("Schema changes must be BACKWARD_TRANSITIVE compatible and recorded in src/main/avro-history")
			.isEmpty();
	}

	@Test
	void everyEventAndSharedTypeHasBeenPublished() {
		assertThat(current).hasSize(33);
		assertThat(history.keySet()).containsAll(current.keySet());
	}
}
