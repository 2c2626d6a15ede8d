package se.nexus.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;

import org.bouncycastle.util.io.pem.PemObject;

/**
 * The Ed25519 keys the services sign their events with, for the local stack and the tests: {@code <service>.key}
 * (PKCS#8 PEM, owner-only) and, in {@code trusted/}, {@code <service>.pub}, the public keys every consumer accepts.
 * Made at first use and kept, like the certificate authority beside them; in a deployment the operator makes them
 * (README, "Signed events"). Plain JDK: generating a key is rare, signing is done in the services' serde.
 */
public final class EventSigningKeys {

	/** The principals that produce events: each has a key, and every consumer trusts each of them. */
	public static final List<String> SIGNERS = List.of(KafkaAccess.REFERRAL_SERVICE, KafkaAccess.NOTIFICATION_SERVICE,
			KafkaAccess.AUDIT_SERVICE);

	private final Path dir;

	private EventSigningKeys(Path dir) {
		this.dir = dir;
	}

	/** The keys kept in this folder; any signer's key missing is made, with its public key trusted. */
	public static synchronized EventSigningKeys openOrCreate(Path dir) {
		EventSigningKeys keys = new EventSigningKeys(dir.toAbsolutePath());
		try {
			Files.createDirectories(keys.trustedDir());
			for (String signer : SIGNERS) {
				if (!Files.isRegularFile(keys.keyFile(signer)) || !Files.isRegularFile(keys.publicKeyFile(signer))) {
					keys.create(signer);
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not open or create the event signing keys in " + dir, e);
		}
		return keys;
	}

	private void create(String signer) throws IOException {
		KeyPair pair;
		try {
			pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("Every Java runtime since 15 has Ed25519", e);
		}
		LocalCertificateAuthority.writePrivate(keyFile(signer),
				LocalCertificateAuthority.pem(new PemObject("PRIVATE KEY", pair.getPrivate().getEncoded())));
		LocalCertificateAuthority.write(publicKeyFile(signer),
				LocalCertificateAuthority.pem(new PemObject("PUBLIC KEY", pair.getPublic().getEncoded())));
	}

	/** The folder of the public keys every consumer trusts. */
	public Path trustedDir() {
		return dir.resolve("trusted");
	}

	/** The private key a signer signs with. */
	public Path keyFile(String signer) {
		return dir.resolve(signer + ".key");
	}

	private Path publicKeyFile(String signer) {
		return trustedDir().resolve(signer + ".pub");
	}

	/**
	 * What a signer's Kafka clients sign with and trust: its own key and every signer's public key; null for any other
	 * principal (the operator's tools, an agency), whose clients neither sign nor check.
	 */
	public EventSigning of(String principal) {
		return SIGNERS.contains(principal) ? new EventSigning(keyFile(principal), trustedDir()) : null;
	}

	/**
	 * A Kafka client's signing settings.
	 * @param key the private key its producers sign with, or null
	 * @param trusted the folder of public keys its consumers accept
	 */
	public record EventSigning(Path key, Path trusted) {
	}

	@Override
	public String toString() {
		return "event signing keys in " + dir;
	}
}
