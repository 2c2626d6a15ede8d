package se.nexus.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

class TokenIssuerIntegrationTests {

	private static final String CLIENT = "se.uppsala.socialtjanst";

	private final TokenIssuer issuer = SharedInfrastructure.get().tokenIssuer();

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void issuesATokenThatVerifiesAgainstThePublishedKeys() throws Exception {
		HttpResponse<String> response = requestToken(basic(CLIENT, DemoClients.SECRET),
				"grant_type=client_credentials&scope=CASEWORKER");
		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, Object> body = JSONObjectUtils.parse(response.body());
		assertThat(body).containsEntry("token_type", "Bearer").containsEntry("expires_in", 3600L);

		SignedJWT jwt = SignedJWT.parse((String) body.get("access_token"));
		JWKSet keys = JWKSet.parse(http
			.send(HttpRequest.newBuilder(URI.create(issuer.jwkSetUri())).build(), HttpResponse.BodyHandlers.ofString())
			.body());
		RSAKey key = (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
		assertThat(key.isPrivate()).isFalse();
		assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();

		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo(issuer.issuerUri());
		assertThat(claims.getSubject()).isEqualTo(CLIENT);
		assertThat(claims.getStringClaim("agency")).isEqualTo(CLIENT);
		assertThat(claims.getStringListClaim("roles")).containsExactly("CASEWORKER");
		assertThat(claims.getExpirationTime()).isAfter(new Date());
		assertThat(claims.getJWTID()).isNotBlank();
	}

	@Test
	void grantsAllTheClientsRolesWhenNoneAreRequested() throws Exception {
		HttpResponse<String> response = requestToken(null, "grant_type=client_credentials&client_id="
				+ encode("se.uppsala.nexus") + "&client_secret=" + encode(DemoClients.SECRET));
		assertThat(response.statusCode()).isEqualTo(200);
		SignedJWT jwt = SignedJWT.parse((String) JSONObjectUtils.parse(response.body()).get("access_token"));
		assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactlyInAnyOrder("CASEWORKER",
				"COORDINATOR", "AUDITOR", "OPERATOR");
	}

	@Test
	void rejectsAWrongSecret() throws Exception {
		HttpResponse<String> response = requestToken(basic(CLIENT, "wrong"), "grant_type=client_credentials");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("\"invalid_client\"");
	}

	@Test
	void rejectsARoleTheClientDoesNotHave() throws Exception {
		HttpResponse<String> response = requestToken(basic(CLIENT, DemoClients.SECRET),
				"grant_type=client_credentials&scope=AUDITOR");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"invalid_scope\"");
	}

	@Test
	void rejectsOtherGrantTypes() throws Exception {
		HttpResponse<String> response = requestToken(basic(CLIENT, DemoClients.SECRET), "grant_type=password");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"unsupported_grant_type\"");
	}

	@Test
	void signsExpiredTokensForTests() throws Exception {
		SignedJWT jwt = SignedJWT.parse(issuer.issueExpired("system", "se.aklagarmyndigheten", java.util.Set.of("CASEWORKER")));
		assertThat(jwt.getJWTClaimsSet().getExpirationTime()).isBefore(new Date());
	}

	private HttpResponse<String> requestToken(String authorization, String form) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(issuer.tokenUri()))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String basic(String id, String secret) {
		return "Basic " + Base64.getEncoder()
			.encodeToString((encode(id) + ":" + encode(secret)).getBytes(StandardCharsets.UTF_8));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
