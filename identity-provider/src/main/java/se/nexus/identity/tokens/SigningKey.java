package se.nexus.identity.tokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/** The RSA key tokens are signed with, kept in a file so that tokens stay valid when the local stack restarts. */
public final class SigningKey {

	private SigningKey() {
	}

	/** The key in the file, or a new one written there; with no file, a new key that lives as long as the process. */
	public static RSAKey load(Path fileOrNull) {
		try {
			if (fileOrNull != null && Files.isRegularFile(fileOrNull)) {
				return RSAKey.parse(Files.readString(fileOrNull));
			}
			RSAKey key = generate();
			if (fileOrNull != null) {
				save(key, fileOrNull);
			}
			return key;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not read or write the signing key " + fileOrNull, e);
		}
		catch (ParseException | JOSEException e) {
			throw new IllegalStateException("Unusable signing key " + fileOrNull, e);
		}
	}

	private static RSAKey generate() throws JOSEException {
		return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE)
			.algorithm(JWSAlgorithm.RS256)
			.keyID(UUID.randomUUID().toString())
			.generate();
	}

	/** Written to a temporary file first and moved, so that a crash never leaves half a key behind. */
	private static void save(RSAKey key, Path file) throws IOException {
		Path absolute = file.toAbsolutePath();
		Files.createDirectories(absolute.getParent());
		Path temp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
		Files.writeString(temp, key.toJSONString());
		try {
			Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException e) {
			// Not a POSIX file system; the file keeps default permissions.
		}
		Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
	}
}
