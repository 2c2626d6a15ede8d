package se.nexus.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaParser;

/**
 * Checks the current schemas against every published version kept in the repository, the way the registry will
 * (BACKWARD_TRANSITIVE), so that an incompatible change fails the build instead of the first producer.
 */
final class CompatibilityGate {

	static final Path CURRENT = Path.of("src/main/avro");

	static final Path HISTORY = Path.of("src/main/avro-history");

	private CompatibilityGate() {
	}

	/** Every named type defined in the .avsc files under the folder, fully resolved, by simple name. */
	static Map<String, Schema> currentSchemas(Path folder) {
		SchemaParser parser = new SchemaParser();
		Map<String, SchemaParser.ParseResult> parsed = new TreeMap<>();
		// Parse everything first: an event refers to shared types by name, in whatever order the files come.
		for (Path file : avscFiles(folder)) {
			try {
				parsed.put(file.getFileName().toString().replace(".avsc", ""), parser.parse(file));
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		Map<String, Schema> schemas = new TreeMap<>();
		parsed.forEach((name, result) -> schemas.put(name, parser.resolve(result)));
		return schemas;
	}

	/** The published versions of each schema, oldest first, from {@code <RecordName>/v<n>.avsc}. */
	static Map<String, List<Schema>> history(Path folder) {
		Map<String, List<Schema>> history = new TreeMap<>();
		try (Stream<Path> records = Files.list(folder)) {
			records.filter(Files::isDirectory).forEach(record -> history.put(record.getFileName().toString(),
					versions(record).stream().map(CompatibilityGate::parseStandalone).toList()));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return history;
	}

	/** Every problem found; empty means the build may go on. */
	static List<String> check(Map<String, Schema> current, Map<String, List<Schema>> history) {
		List<String> problems = new ArrayList<>();
		current.forEach((name, schema) -> {
			List<Schema> published = history.getOrDefault(name, List.of());
			problems.addAll(incompatibilities(name, schema, published));
			if (!published.isEmpty() && !sameContent(schema, published.get(published.size() - 1))) {
				problems.add(name + " differs from its latest published version v" + published.size()
						+ ": add it as src/main/avro-history/" + name + "/v" + (published.size() + 1) + ".avsc");
			}
		});
		history.keySet()
			.stream()
			.filter(name -> !current.containsKey(name))
			.forEach(name -> problems.add(name + " was published but its .avsc is gone: "
					+ "a published schema is never deleted, it is superseded by a new event name"));
		return problems;
	}

	/** BACKWARD_TRANSITIVE: the current schema must read data written with every published version. */
	static List<String> incompatibilities(String name, Schema current, List<Schema> published) {
		List<String> problems = new ArrayList<>();
		for (int i = 0; i < published.size(); i++) {
			var result = SchemaCompatibility.checkReaderWriterCompatibility(current, published.get(i)).getResult();
			for (Incompatibility incompatibility : result.getIncompatibilities()) {
				problems.add(name + " cannot read v" + (i + 1) + ": " + incompatibility.getType() + " at "
						+ incompatibility.getLocation() + " (" + incompatibility.getMessage() + ")");
			}
		}
		return problems;
	}

	/** Compared as text, so a changed doc needs a new version too, as it does in the registry. */
	static boolean sameContent(Schema a, Schema b) {
		return a.toString().equals(b.toString());
	}

	static Schema parseStandalone(Path file) {
		try {
			return new Schema.Parser().parse(file.toFile());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static List<Path> versions(Path record) {
		try (Stream<Path> files = Files.list(record)) {
			List<Path> versions = files.filter(file -> file.getFileName().toString().matches("v\\d+\\.avsc"))
				.sorted(Comparator.comparingInt(CompatibilityGate::versionNumber))
				.toList();
			for (int i = 0; i < versions.size(); i++) {
				if (versionNumber(versions.get(i)) != i + 1) {
					throw new IllegalStateException("History of " + record.getFileName() + " skips v" + (i + 1));
				}
			}
			return versions;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static int versionNumber(Path file) {
		String name = file.getFileName().toString();
		return Integer.parseInt(name.substring(1, name.length() - ".avsc".length()));
	}

	private static List<Path> avscFiles(Path folder) {
		try (Stream<Path> files = Files.walk(folder)) {
			return files.filter(file -> file.toString().endsWith(".avsc")).sorted().toList();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
