package se.nexus.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import se.nexus.identity.IdentityProviderProperties.DemoCredentialsRefused;

/**
 * The published demo secret and password are for a developer's machine: anywhere else (NEXUS_IDP_LOCAL unset) the
 * identity provider refuses to start with them, and starts with credentials of the operator's own.
 */
class DemoCredentialsIntegrationTests {

	@Test
	void refusesToStartWithTheDemoSecretOutsideADevelopersMachine() {
		assertThatThrownBy(() -> start("--nexus.identity.people-password=operators-own-password"))
			.hasRootCauseInstanceOf(DemoCredentialsRefused.class);
	}

	@Test
	void refusesToStartWithTheDemoPasswordOutsideADevelopersMachine() {
		assertThatThrownBy(() -> start("--nexus.identity.client-secret=")).hasRootCauseInstanceOf(DemoCredentialsRefused.class);
	}

	@Test
	void startsWithTheOperatorsOwnSecretAndRefusesTheDemoOne() throws Exception {
		try (ConfigurableApplicationContext context = start("--nexus.identity.client-secret=operators-own-secret",
				"--nexus.identity.people-password=operators-own-password")) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();

			assertThat(token(port, "operators-own-secret")).isEqualTo(200);
			assertThat(token(port, "demo-secret")).isEqualTo(401);
		}
	}

	private static ConfigurableApplicationContext start(String... arguments) {
		String[] all = new String[arguments.length + 1];
		all[0] = "--server.port=0";
		System.arraycopy(arguments, 0, all, 1, arguments.length);
		return new SpringApplicationBuilder(IdentityProviderApplication.class).run(all);
	}

	private static int token(int port, String secret) throws Exception {
		String basic = Base64.getEncoder()
			.encodeToString(("se.uppsala.nexus:" + secret).getBytes(StandardCharsets.UTF_8));
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
				.header("Authorization", "Basic " + basic)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=AUDITOR"))
				.build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}
}
