package se.nexus.schemas.registry;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;

/**
 * The form of an Avro schema that the registry is given: the schema without the {@code avro.java.*} properties that
 * only Java's code generator reads, so that a client in any language registering or looking up the same
 * {@code .avsc} finds the same schema and id.
 */
public final class PortableSchema {

	private static final String JAVA_PROPERTY_PREFIX = "avro.java.";

	private static final ObjectMapper JSON = new ObjectMapper();

	// Generated classes hand out one schema instance each, so a small cache spares a JSON round trip per message.
	private static final BoundedCache<Schema, Schema> CACHE = new BoundedCache<>(
			SchemaRegistryClient.DEFAULT_CACHE_CAPACITY);

	private PortableSchema() {
	}

	/** The schema without {@code avro.java.*} properties at any depth; the given instance if it has none. */
	public static Schema of(Schema schema) {
		return CACHE.computeIfAbsent(schema, PortableSchema::strip);
	}

	private static Schema strip(Schema schema) {
		JsonNode tree = readTree(schema.toString());
		if (!removeJavaProperties(tree)) {
			return schema;
		}
		return new Schema.Parser().parse(tree.toString());
	}

	/**
	 * Walks only where a schema or field can be (a schema object, a union, a field, its type, items, values), never
	 * into a field's default, whose map keys are data even if they look like properties.
	 */
	private static boolean removeJavaProperties(JsonNode node) {
		boolean removed = false;
		if (node.isArray()) {
			for (JsonNode branch : node) {
				removed |= removeJavaProperties(branch);
			}
			return removed;
		}
		if (!(node instanceof ObjectNode object)) {
			return false;
		}
		List<String> javaProperties = new ArrayList<>();
		object.fieldNames().forEachRemaining(name -> {
			if (name.startsWith(JAVA_PROPERTY_PREFIX)) {
				javaProperties.add(name);
			}
		});
		object.remove(javaProperties);
		removed = !javaProperties.isEmpty();
		for (String nested : List.of("type", "items", "values", "fields")) {
			if (object.has(nested)) {
				removed |= removeJavaProperties(object.get(nested));
			}
		}
		return removed;
	}

	private static JsonNode readTree(String json) {
		try {
			return JSON.readTree(json);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("Avro wrote a schema that is not JSON: " + e.getMessage(), e);
		}
	}
}
