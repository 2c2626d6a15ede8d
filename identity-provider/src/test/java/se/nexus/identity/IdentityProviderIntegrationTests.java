package se.nexus.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		// Blank: the issuer is the address the request came to, http://localhost:<the random port>.
		properties = { "nexus.identity.issuer-uri=", "nexus.identity.local=true" })
class IdentityProviderIntegrationTests {

	private static final String REDIRECT_URI = "http://localhost:8080/login/oauth2/code/nexus";

	@LocalServerPort
	private int port;

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	@Test
	void givesAnAgencySystemATokenWithExactlyTheClaimsTheServicesRead() throws Exception {
		HttpResponse<String> response = clientCredentials("se.uppsala.socialtjanst", "demo-secret", "CASEWORKER");

		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, Object> answer = JSONObjectUtils.parse(response.body());
		assertThat(answer).containsEntry("token_type", "Bearer").containsEntry("scope", "CASEWORKER");
		assertThat(((Number) answer.get("expires_in")).longValue()).isBetween(3590L, 3600L);
		JWTClaimsSet claims = verified((String) answer.get("access_token"));
		assertThat(claims.getClaims().keySet())
			.containsExactlyInAnyOrder("iss", "sub", "aud", "agency", "roles", "iat", "exp", "jti", "client_id");
		// The system's own token: its client is its subject.
		assertThat(claims.getStringClaim("client_id")).isEqualTo("se.uppsala.socialtjanst");
		assertThat(claims.getIssuer()).isEqualTo(baseUrl());
		assertThat(claims.getAudience()).containsExactly("nexus");
		assertThat(claims.getSubject()).isEqualTo("se.uppsala.socialtjanst");
		assertThat(claims.getStringClaim("agency")).isEqualTo("se.uppsala.socialtjanst");
		assertThat(claims.getStringListClaim("roles")).containsExactly("CASEWORKER");
		assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(3_600_000L);
	}

	@Test
	void givesAllTheSystemsRolesWhenNoScopeIsAsked() throws Exception {
		HttpResponse<String> response = clientCredentials("se.uppsala.nexus", "demo-secret", null);

		assertThat(response.statusCode()).isEqualTo(200);
		JWTClaimsSet claims = verified((String) JSONObjectUtils.parse(response.body()).get("access_token"));
		assertThat(claims.getStringListClaim("roles")).containsExactly("AUDITOR", "CASEWORKER", "COORDINATOR", "OPERATOR");
	}

	@Test
	void refusesARoleTheAgencyMayNotHold() throws Exception {
		HttpResponse<String> response = clientCredentials("se.lansstyrelsen.uppsala", "demo-secret", "CASEWORKER");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(JSONObjectUtils.parse(response.body())).containsEntry("error", "invalid_scope");
	}

	@Test
	void refusesAWrongSecret() throws Exception {
		HttpResponse<String> response = clientCredentials("se.uppsala.socialtjanst", "wrong-secret", "CASEWORKER");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(JSONObjectUtils.parse(response.body())).containsEntry("error", "invalid_client");
	}

	@Test
	void acceptsTheSecretInTheFormToo() throws Exception {
		HttpResponse<String> response = post("/oauth2/token", Map.of("grant_type", "client_credentials", "scope",
				"AUDITOR", "client_id", "se.lansstyrelsen.uppsala", "client_secret", "demo-secret"), null);

		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void signsInAPersonWithAuthorizationCodeAndPkce() throws Exception {
		String verifier = randomUrlSafe(32);
		String authorize = "/oauth2/authorize?" + form(Map.of("response_type", "code", "client_id", "nexus-console",
				"redirect_uri", REDIRECT_URI, "scope", "openid", "state", "s-1", "code_challenge", challenge(verifier),
				"code_challenge_method", "S256"));

		HttpResponse<String> toLogin = get(authorize);
		assertThat(toLogin.statusCode()).isEqualTo(302);
		assertThat(location(toLogin)).endsWith("/login");
		HttpResponse<String> loginPage = get("/login");
		HttpResponse<String> signedIn = post("/login", Map.of("username", "coordinator@se.uppsala.nexus", "password",
				"demo-password", "_csrf", csrfToken(loginPage.body())), null);
		assertThat(signedIn.statusCode()).isEqualTo(302);
		HttpResponse<String> toConsole = get(location(signedIn));
		assertThat(toConsole.statusCode()).isEqualTo(302);
		String code = queryParameter(location(toConsole), "code");
		assertThat(location(toConsole)).startsWith(REDIRECT_URI).contains("state=s-1");

		HttpResponse<String> tokens = post("/oauth2/token", Map.of("grant_type", "authorization_code", "code", code,
				"redirect_uri", REDIRECT_URI, "client_id", "nexus-console", "code_verifier", verifier), null);
		assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
		Map<String, Object> answer = JSONObjectUtils.parse(tokens.body());
		String pseudonym = UUID.nameUUIDFromBytes("nexus-person:coordinator@se.uppsala.nexus".getBytes(StandardCharsets.UTF_8))
			.toString();
		JWTClaimsSet access = verified((String) answer.get("access_token"));
		assertThat(access.getClaims().keySet())
			.containsExactlyInAnyOrder("iss", "sub", "aud", "agency", "roles", "iat", "exp", "jti", "client_id");
		// A person's token: issued through the console, whose client id is not the subject.
		assertThat(access.getStringClaim("client_id")).isEqualTo("nexus-console");
		assertThat(access.getSubject()).isEqualTo(pseudonym).isNotEqualTo("coordinator@se.uppsala.nexus");
		assertThat(access.getAudience()).containsExactly("nexus");
		assertThat(access.getStringClaim("agency")).isEqualTo("se.uppsala.nexus");
		assertThat(access.getStringListClaim("roles")).containsExactly("COORDINATOR");
		assertThat(access.getExpirationTime().getTime() - access.getIssueTime().getTime()).isLessThanOrEqualTo(3_600_000L);
		JWTClaimsSet id = verified((String) answer.get("id_token"));
		assertThat(id.getSubject()).isEqualTo(pseudonym);
		assertThat(id.getAudience()).containsExactly("nexus-console");
		assertThat(id.getStringClaim("agency")).isEqualTo("se.uppsala.nexus");
		assertThat(id.getStringListClaim("roles")).containsExactly("COORDINATOR");
		HttpResponse<String> userInfo = http.send(HttpRequest.newBuilder(uri("/userinfo"))
			.header("Authorization", "Bearer " + answer.get("access_token"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(userInfo.statusCode()).as(userInfo.body()).isEqualTo(200);
		assertThat(JSONObjectUtils.parse(userInfo.body())).containsEntry("sub", pseudonym);
	}

	@Test
	void refusesTheCodeExchangeWithoutTheVerifier() throws Exception {
		HttpResponse<String> toLogin = get("/oauth2/authorize?" + form(Map.of("response_type", "code", "client_id",
				"nexus-console", "redirect_uri", REDIRECT_URI, "scope", "openid", "state", "s-2")));

		// PKCE is required: without a code challenge there is no login, only an error back to the console.
		assertThat(toLogin.statusCode()).isEqualTo(302);
		assertThat(location(toLogin)).startsWith(REDIRECT_URI).contains("error=invalid_request");
	}

	@Test
	void answersReadinessWithoutAToken() throws Exception {
		assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
	}

	private JWTClaimsSet verified(String token) throws Exception {
		SignedJWT jwt = SignedJWT.parse(token);
		JWKSet keys = JWKSet.parse(get("/oauth2/jwks").body());
		assertThat(jwt.verify(new RSASSAVerifier(keys.getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey()))).isTrue();
		return jwt.getJWTClaimsSet();
	}

	private HttpResponse<String> clientCredentials(String clientId, String secret, String scope) throws Exception {
		Map<String, String> fields = new LinkedHashMap<>(Map.of("grant_type", "client_credentials"));
		if (scope != null) {
			fields.put("scope", scope);
		}
		String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
		return post("/oauth2/token", fields, "Basic " + basic);
	}

	private HttpResponse<String> get(String pathOrUrl) throws Exception {
		return http.send(HttpRequest.newBuilder(uri(pathOrUrl)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, Map<String, String> fields, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(fields)));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String pathOrUrl) {
		return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl() + pathOrUrl);
	}

	private String baseUrl() {
		return "http://localhost:" + port;
	}

	private static String location(HttpResponse<?> response) {
		return response.headers().firstValue("Location").orElseThrow();
	}

	private static String csrfToken(String loginPage) {
		Matcher matcher = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginPage);
		assertThat(matcher.find()).as("CSRF token in the login page").isTrue();
		return matcher.group(1);
	}

	private static String queryParameter(String url, String name) {
		Matcher matcher = Pattern.compile("[?&]" + name + "=([^&]+)").matcher(url);
		assertThat(matcher.find()).as(name + " in " + url).isTrue();
		return java.net.URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8);
	}

	private static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private static String randomUrlSafe(int bytes) {
		byte[] random = new byte[bytes];
		new SecureRandom().nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	private static String challenge(String verifier) throws Exception {
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
	}

}
