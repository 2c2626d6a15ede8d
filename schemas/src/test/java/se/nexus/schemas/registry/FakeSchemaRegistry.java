package se.nexus.schemas.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.avro.Schema;

/** A minimal in-memory Confluent Schema Registry API for unit tests, with switches for failure modes. */
final class FakeSchemaRegistry implements AutoCloseable {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final Map<Integer, String> schemasById = new HashMap<>();

	private final Map<String, List<Integer>> idsBySubject = new HashMap<>();

	private final Map<String, String> compatibilityBySubject = new HashMap<>();

	private final AtomicInteger requests = new AtomicInteger();

	private volatile int failureStatus;

	private volatile String failureBody;

	private volatile Duration delay = Duration.ZERO;

	FakeSchemaRegistry() {
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		server.createContext("/", this::handle);
		server.setExecutor(executor);
		server.start();
	}

	String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7";
	}

	int requests() {
		return requests.get();
	}

	/** Every later request is answered with this status and body. */
	void failWith(int status, String body) {
		this.failureStatus = status;
		this.failureBody = body;
	}

	void answerAfter(Duration delay) {
		this.delay = delay;
	}

	synchronized int register(String subject, Schema schema) {
		String text = schema.toString();
		int id = schemasById.entrySet()
			.stream()
			.filter(entry -> entry.getValue().equals(text))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseGet(() -> {
				int next = schemasById.size() + 1;
				schemasById.put(next, text);
				return next;
			});
		List<Integer> versions = idsBySubject.computeIfAbsent(subject, key -> new ArrayList<>());
		if (!versions.contains(id)) {
			versions.add(id);
		}
		return id;
	}

	synchronized String compatibility(String subject) {
		return compatibilityBySubject.get(subject);
	}

	synchronized List<String> subjects() {
		return List.copyOf(idsBySubject.keySet());
	}

	@Override
	public void close() {
		server.stop(0);
		executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		requests.incrementAndGet();
		try (exchange) {
			sleep(delay);
			if (failureStatus != 0) {
				respond(exchange, failureStatus, failureBody);
				return;
			}
			String path = exchange.getRequestURI().getPath().replaceFirst("^/apis/ccompat/v7", "");
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			answer(exchange, exchange.getRequestMethod(), path.split("/"), body);
		}
	}

	private synchronized void answer(HttpExchange exchange, String method, String[] path, String body)
			throws IOException {
		// path[0] is empty: the path starts with a slash.
		if (method.equals("GET") && path.length == 4 && path[1].equals("schemas") && path[2].equals("ids")) {
			String schema = schemasById.get(Integer.parseInt(path[3]));
			respond(exchange, schema == null ? 404 : 200, schema == null ? error(40403, "Schema not found")
					: JSON.createObjectNode().put("schema", schema).toString());
		}
		else if (method.equals("POST") && path.length == 4 && path[3].equals("versions")) {
			respond(exchange, 200, JSON.createObjectNode().put("id", register(path[2], schemaOf(body))).toString());
		}
		else if (method.equals("POST") && path.length == 3 && path[1].equals("subjects")) {
			lookup(exchange, path[2], schemaOf(body).toString());
		}
		else if (method.equals("GET") && path.length == 5 && path[3].equals("versions")) {
			version(exchange, path[2], path[4]);
		}
		else if (method.equals("POST") && path.length == 6 && path[1].equals("compatibility")) {
			boolean known = idsBySubject.containsKey(path[3]);
			respond(exchange, known ? 200 : 404, known ? "{\"is_compatible\":true}" : error(40401, "Subject not found"));
		}
		else if (path.length == 3 && path[1].equals("config")) {
			config(exchange, method, path[2], body);
		}
		else {
			respond(exchange, 404, error(404, "No such endpoint"));
		}
	}

	/** Like Confluent's: a subject without a level of its own is a 404, not the global level. */
	private void config(HttpExchange exchange, String method, String subject, String body) throws IOException {
		if (method.equals("PUT")) {
			compatibilityBySubject.put(subject, JSON.readTree(body).path("compatibility").asText());
		}
		String level = compatibilityBySubject.get(subject);
		respond(exchange, level == null ? 404 : 200, level == null ? error(40408, "No subject-level compatibility")
				: JSON.createObjectNode().put("compatibilityLevel", level).toString());
	}

	private void lookup(HttpExchange exchange, String subject, String schema) throws IOException {
		List<Integer> versions = idsBySubject.getOrDefault(subject, List.of());
		for (int i = 0; i < versions.size(); i++) {
			if (schemasById.get(versions.get(i)).equals(schema)) {
				respond(exchange, 200, version(subject, i + 1, versions.get(i)).toString());
				return;
			}
		}
		respond(exchange, 404, error(40403, "Schema not found"));
	}

	private void version(HttpExchange exchange, String subject, String version) throws IOException {
		List<Integer> versions = idsBySubject.getOrDefault(subject, List.of());
		if (versions.isEmpty()) {
			respond(exchange, 404, error(40401, "Subject '" + subject + "' not found."));
			return;
		}
		int number = version.equals("latest") ? versions.size() : Integer.parseInt(version);
		respond(exchange, 200, version(subject, number, versions.get(number - 1)).toString());
	}

	private ObjectNode version(String subject, int version, int id) {
		return JSON.createObjectNode()
			.put("subject", subject)
			.put("version", version)
			.put("id", id)
			.put("schema", schemasById.get(id));
	}

	private static Schema schemaOf(String body) throws IOException {
		return new Schema.Parser().parse(JSON.readTree(body).path("schema").asText());
	}

	static String error(int code, String message) {
		return JSON.createObjectNode().put("error_code", code).put("message", message).toString();
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
		exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	private static void sleep(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
