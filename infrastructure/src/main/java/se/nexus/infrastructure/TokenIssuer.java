package se.nexus.infrastructure;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A test OAuth2 authorization server issuing RS256 client-credentials tokens and publishing its JWK set. The services'
 * integration tests keep it because it also signs tokens the services must refuse; the local stack runs the
 * identity-provider module instead.
 */
public final class TokenIssuer implements AutoCloseable {

	/** Lifetime of issued tokens. */
	public static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

	/** The audience of every issued token: the Nexus services accept only tokens meant for them. */
	public static final String AUDIENCE = "nexus";

	/** A client allowed to obtain tokens: its id is the system id, it acts for an agency with these roles. */
	public record Client(String id, String secret, String agency, Set<String> roles) {

		public Client {
			roles = Set.copyOf(roles);
		}

		@Override
		public String toString() {
			return "Client[" + id + ", agency " + agency + ", roles " + new TreeSet<>(roles) + "]";
		}
	}

	private final HttpServer server;

	private final ExecutorService executor;

	private final RSAKey key;

	private final Map<String, Client> clients;

	private TokenIssuer(HttpServer server, ExecutorService executor, RSAKey key, Map<String, Client> clients) {
		this.server = server;
		this.executor = executor;
		this.key = key;
		this.clients = clients;
	}

	/** Starts the issuer on 127.0.0.1 (port 0 = free); keyFile keeps the signing key across restarts, null = fresh key. */
	public static TokenIssuer start(int port, List<Client> clients, Path keyFileOrNull) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
			ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
				Thread thread = new Thread(runnable, "token-issuer");
				thread.setDaemon(true);
				return thread;
			});
			TokenIssuer issuer = new TokenIssuer(server, executor, key(keyFileOrNull),
					clients.stream().collect(Collectors.toMap(Client::id, Function.identity())));
			server.createContext("/oauth2/jwks", issuer::jwks);
			server.createContext("/oauth2/token", issuer::token);
			server.setExecutor(executor);
			server.start();
			ShutdownHooks.register(issuer);
			return issuer;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not start token issuer on port " + port, e);
		}
	}

	/** The issuer base URL, also the tokens' iss claim. */
	public String issuerUri() {
		return "http://localhost:" + server.getAddress().getPort();
	}

	public String jwkSetUri() {
		return issuerUri() + "/oauth2/jwks";
	}

	public String tokenUri() {
		return issuerUri() + "/oauth2/token";
	}

	public int port() {
		return server.getAddress().getPort();
	}

	/** The public JWK set as JSON. */
	public String jwkSetJson() {
		return new JWKSet(key.toPublicJWK()).toString();
	}

	/** Signs a token directly, valid for an hour from now. */
	public String issue(String subject, String agency, Set<String> roles) {
		return sign(subject, agency, roles, Instant.now());
	}

	/** Signs a token that expired an hour ago, for tests of rejected tokens. */
	public String issueExpired(String subject, String agency, Set<String> roles) {
		return sign(subject, agency, roles, Instant.now().minus(TOKEN_LIFETIME).minusSeconds(3600));
	}

	public void stop() {
		ShutdownHooks.unregister(this);
		server.stop(0);
		executor.shutdownNow();
	}

	@Override
	public void close() {
		stop();
	}

	/** The claims of a token as {@link #issue} makes it, for tests to change before {@link #sign(JWTClaimsSet)}. */
	public JWTClaimsSet.Builder claims(String subject, String agency, Set<String> roles) {
		return claims(subject, agency, roles, Instant.now());
	}

	private JWTClaimsSet.Builder claims(String subject, String agency, Set<String> roles, Instant issuedAt) {
		return new JWTClaimsSet.Builder().issuer(issuerUri())
			.audience(AUDIENCE)
			.subject(subject)
			.claim("agency", agency)
			.claim("roles", List.copyOf(new TreeSet<>(roles)))
			.issueTime(Date.from(issuedAt))
			.expirationTime(Date.from(issuedAt.plus(TOKEN_LIFETIME)))
			.jwtID(UUID.randomUUID().toString());
	}

	private String sign(String subject, String agency, Set<String> roles, Instant issuedAt) {
		return sign(claims(subject, agency, roles, issuedAt).build());
	}

	/** Signs exactly these claims with the issuer's key; tests use it for tokens the services must refuse. */
	public String sign(JWTClaimsSet claims) {
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build();
		SignedJWT jwt = new SignedJWT(header, claims);
		try {
			jwt.sign(new RSASSASigner(key));
		}
		catch (JOSEException e) {
			throw new IllegalStateException("Could not sign token", e);
		}
		return jwt.serialize();
	}

	private void jwks(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!"GET".equals(exchange.getRequestMethod())) {
				respond(exchange, 405, Map.of("error", "invalid_request", "error_description", "use GET"));
				return;
			}
			byte[] body = jwkSetJson().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
		}
	}

	private void token(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!"POST".equals(exchange.getRequestMethod())) {
				respond(exchange, 405, error("invalid_request", "use POST"));
				return;
			}
			Map<String, String> form = form(exchange.getRequestBody());
			String[] credentials = credentials(exchange, form);
			Client client = credentials == null ? null : clients.get(credentials[0]);
			if (client == null || !client.secret().equals(credentials[1])) {
				exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"nexus\"");
				respond(exchange, 401, error("invalid_client", "unknown client or wrong secret"));
				return;
			}
			if (!"client_credentials".equals(form.get("grant_type"))) {
				respond(exchange, 400, error("unsupported_grant_type", "only client_credentials is supported"));
				return;
			}
			Set<String> roles = requestedRoles(form.get("scope"), client);
			if (!client.roles().containsAll(roles)) {
				respond(exchange, 400, error("invalid_scope", "the client may request only " + new TreeSet<>(client.roles())));
				return;
			}
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("access_token", issue(client.id(), client.agency(), roles));
			answer.put("token_type", "Bearer");
			answer.put("expires_in", TOKEN_LIFETIME.toSeconds());
			answer.put("scope", String.join(" ", new TreeSet<>(roles)));
			respond(exchange, 200, answer);
		}
	}

	private static Set<String> requestedRoles(String scope, Client client) {
		if (scope == null || scope.isBlank()) {
			return client.roles();
		}
		return Set.of(scope.trim().split("\\s+"));
	}

	/** Client id and secret from HTTP Basic (preferred) or the form, or null if neither is given. */
	private static String[] credentials(HttpExchange exchange, Map<String, String> form) {
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			try {
				String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
						StandardCharsets.UTF_8);
				int colon = decoded.indexOf(':');
				return colon < 0 ? null
						: new String[] { urlDecode(decoded.substring(0, colon)), urlDecode(decoded.substring(colon + 1)) };
			}
			catch (IllegalArgumentException e) {
				return null;
			}
		}
		if (form.containsKey("client_id") && form.containsKey("client_secret")) {
			return new String[] { form.get("client_id"), form.get("client_secret") };
		}
		return null;
	}

	private static Map<String, String> form(InputStream body) throws IOException {
		Map<String, String> form = new HashMap<>();
		String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
		for (String pair : text.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				form.put(urlDecode(pair.substring(0, equals)), urlDecode(pair.substring(equals + 1)));
			}
		}
		return form;
	}

	private static String urlDecode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

	private static Map<String, Object> error(String code, String description) {
		return Map.of("error", code, "error_description", description);
	}

	private static void respond(HttpExchange exchange, int status, Map<String, ?> json) throws IOException {
		byte[] body = JSONObjectUtils.toJSONString(json).getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
		exchange.getResponseHeaders().set("Cache-Control", "no-store");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private static RSAKey key(Path keyFileOrNull) {
		try {
			if (keyFileOrNull != null && Files.isRegularFile(keyFileOrNull)) {
				return RSAKey.parse(Files.readString(keyFileOrNull));
			}
			RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.keyID(UUID.randomUUID().toString())
				.generate();
			if (keyFileOrNull != null) {
				save(key, keyFileOrNull);
			}
			return key;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not read or write the token signing key " + keyFileOrNull, e);
		}
		catch (ParseException | JOSEException e) {
			throw new IllegalStateException("Unusable token signing key " + keyFileOrNull, e);
		}
	}

	private static void save(RSAKey key, Path file) throws IOException {
		Path absolute = file.toAbsolutePath();
		Files.createDirectories(absolute.getParent());
		Path temp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
		Files.writeString(temp, key.toJSONString());
		try {
			Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException e) {
			// Not a POSIX file system; the file stays with default permissions.
		}
		Files.move(temp, absolute, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
	}

	@Override
	public String toString() {
		return "Token issuer " + issuerUri();
	}
}
