package se.nexus.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.sun.net.httpserver.HttpServer;

/** Stands in for a Spring Boot service jar: answers readiness on NEXUS_HTTP_PORT and logs the settings it got. */
public final class FakeService {

	static final List<String> VARIABLES = List.of("NEXUS_HTTP_PORT", "NEXUS_DB_URL", "NEXUS_DB_USERNAME",
			"NEXUS_KAFKA_BOOTSTRAP_SERVERS", "NEXUS_KAFKA_SECURITY_PROTOCOL", "NEXUS_KAFKA_KEYSTORE",
			"NEXUS_KAFKA_TRUSTSTORE", "NEXUS_SCHEMA_REGISTRY_URL", "NEXUS_JWK_SET_URI", "NEXUS_JWT_ISSUER_URI");

	public static void main(String[] args) throws IOException {
		for (String variable : VARIABLES) {
			System.out.println(variable + "=" + System.getenv(variable));
		}
		System.out.println("NEXUS_DB_PASSWORD set: " + (System.getenv("NEXUS_DB_PASSWORD") != null));
		HttpServer server = HttpServer.create(new InetSocketAddress(Integer.parseInt(System.getenv("NEXUS_HTTP_PORT"))), 10);
		server.createContext("/actuator/health/readiness", exchange -> {
			byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		System.out.println("fake service ready");
	}
}
