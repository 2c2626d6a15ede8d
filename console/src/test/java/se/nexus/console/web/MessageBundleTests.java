package se.nexus.console.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/** Every text of every page exists in Swedish and in English, and every code a form offers has words in both. */
class MessageBundleTests {

	private static final Pattern LITERAL_KEY = Pattern.compile("#\\{([a-z][a-z0-9.-]*[a-z0-9])[}(]");

	private final Properties swedish = bundle("i18n/messages.properties");

	private final Properties english = bundle("i18n/messages_en.properties");

	@Test
	void bothLanguagesHaveTheSameTexts() {
		assertThat(new TreeSet<>(swedish.stringPropertyNames())).isEqualTo(new TreeSet<>(english.stringPropertyNames()));
	}

	@Test
	void everyTextATemplateNamesExists() throws IOException {
		Set<String> used = new HashSet<>();
		try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
			for (Path template : templates.filter(path -> path.toString().endsWith(".html")).toList()) {
				Matcher keys = LITERAL_KEY.matcher(Files.readString(template));
				while (keys.find()) {
					used.add(keys.group(1));
				}
			}
		}
		assertThat(used).hasSizeGreaterThan(100);
		assertThat(used).allSatisfy(key -> assertThat(swedish).containsKey(key));
	}

	@Test
	void everyCodeTheFormsOfferHasWords() throws IOException {
		Map<String, List<String>> codes = codes();
		Map<String, String> prefixes = Map.of("urgencies", "urgency.", "concerns", "concern.", "purposes", "purpose.",
				"provisions", "provision.", "data-categories", "data.", "obtained", "obtained.", "decline-reasons",
				"decline.", "handover-reasons", "handover-reason.", "handover-decline-reasons", "handover-decline.",
				"statuses", "status.");
		assertThat(codes.keySet()).containsExactlyInAnyOrderElementsOf(prefixes.keySet());
		codes.forEach((list, values) -> values.forEach(code -> {
			assertThat(swedish).containsKey(prefixes.get(list) + code);
			assertThat(english).containsKey(prefixes.get(list) + code);
		}));
	}

	@SuppressWarnings("unchecked")
	private Map<String, List<String>> codes() throws IOException {
		try (InputStream yaml = getClass().getClassLoader().getResourceAsStream("application.yml")) {
			for (Object document : new Yaml().loadAll(yaml)) {
				Map<String, Object> nexus = (Map<String, Object>) ((Map<String, Object>) document).get("nexus");
				Map<String, Object> console = nexus == null ? null : (Map<String, Object>) nexus.get("console");
				if (console != null && console.containsKey("codes")) {
					return (Map<String, List<String>>) console.get("codes");
				}
			}
		}
		throw new IllegalStateException("No nexus.console.codes in application.yml");
	}

	private static Properties bundle(String name) {
		Properties properties = new Properties();
		try (InputStream in = MessageBundleTests.class.getClassLoader().getResourceAsStream(name)) {
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		return properties;
	}
}
