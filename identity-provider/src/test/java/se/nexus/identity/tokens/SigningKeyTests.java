package se.nexus.identity.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.nimbusds.jose.jwk.RSAKey;

class SigningKeyTests {

	@TempDir
	Path dir;

	@Test
	void keepsTheKeyItGeneratesSoTokensSurviveARestart() throws Exception {
		Path file = dir.resolve("keys/identity-provider-key.json");

		RSAKey first = SigningKey.load(file);
		RSAKey again = SigningKey.load(file);

		assertThat(Files.isRegularFile(file)).isTrue();
		assertThat(again.toJSONString()).isEqualTo(first.toJSONString());
		assertThat(again.isPrivate()).isTrue();
	}

	@Test
	void makesAFreshKeyEachTimeWithoutAFile() {
		assertThat(SigningKey.load(null).getKeyID()).isNotEqualTo(SigningKey.load(null).getKeyID());
	}
}
