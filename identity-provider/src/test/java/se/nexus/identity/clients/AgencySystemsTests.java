package se.nexus.identity.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import se.nexus.identity.participants.Participants;
import se.nexus.infrastructure.LocalCertificateAuthority;

class AgencySystemsTests {

	private static final String POLICE = "se.polisen.region-mitt";

	private static final String PROSECUTION = "se.aklagarmyndigheten";

	private final Participants participants = new Participants(Map.of("POLICE", List.of("CASEWORKER")),
			List.of(new Participants.Agency(POLICE, "POLICE"), new Participants.Agency(PROSECUTION, "POLICE")));

	@TempDir
	Path authorityDir;

	@TempDir
	Path strangerDir;

	@Test
	void offersTheCertificateAndASignedJwtForASystemWhoseCertificateTheAuthoritySigned() {
		LocalCertificateAuthority.openOrCreate(authorityDir, "Nexus test CA").issueClient(POLICE);

		RegisteredClient police = system(POLICE, "a-secret");

		assertThat(police.getClientAuthenticationMethods()).containsExactlyInAnyOrder(
				ClientAuthenticationMethod.CLIENT_SECRET_BASIC, ClientAuthenticationMethod.CLIENT_SECRET_POST,
				ClientAuthenticationMethod.TLS_CLIENT_AUTH, ClientAuthenticationMethod.PRIVATE_KEY_JWT);
		assertThat(police.getClientSettings().getX509CertificateSubjectDN()).startsWith("CN=" + POLICE + ",");
	}

	@Test
	void offersNoSecretWhenNoneIsSet() {
		LocalCertificateAuthority.openOrCreate(authorityDir, "Nexus test CA").issueClient(POLICE);

		RegisteredClient police = system(POLICE, "");

		assertThat(police.getClientSecret()).isNull();
		assertThat(police.getClientAuthenticationMethods()).containsExactlyInAnyOrder(
				ClientAuthenticationMethod.TLS_CLIENT_AUTH, ClientAuthenticationMethod.PRIVATE_KEY_JWT);
	}

	@Test
	void ignoresACertificateAnotherAuthoritySigned() throws Exception {
		LocalCertificateAuthority.openOrCreate(authorityDir, "Nexus test CA");
		LocalCertificateAuthority.openOrCreate(strangerDir, "Another CA").issueClient(PROSECUTION);
		Files.copy(strangerDir.resolve(PROSECUTION + ".crt"), authorityDir.resolve(PROSECUTION + ".crt"),
				StandardCopyOption.REPLACE_EXISTING);

		RegisteredClient prosecution = system(PROSECUTION, "a-secret");

		assertThat(prosecution.getClientAuthenticationMethods()).containsExactlyInAnyOrder(
				ClientAuthenticationMethod.CLIENT_SECRET_BASIC, ClientAuthenticationMethod.CLIENT_SECRET_POST);
		assertThat(prosecution.getClientSettings().getSettings()).doesNotContainKey(AgencySystems.PUBLIC_KEY_SETTING);
	}

	private RegisteredClient system(String agency, String secret) {
		return AgencySystems
			.all(participants, "http://localhost:8080/login/oauth2/code/nexus", secret,
					AgencyCertificates.in(authorityDir, participants))
			.stream()
			.filter(client -> client.getClientId().equals(agency))
			.findFirst()
			.orElseThrow();
	}
}
