package se.nexus.schemas.signing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Headers;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * The public keys whose signatures a consumer accepts, by key id: every {@code *.pub} file (PEM {@code PUBLIC KEY}) of
 * a directory, named for people (say {@code referral-service.pub}); the id is derived from the key. Rotating a
 * producer's key means adding its new public key here before the producer signs with it, and removing the old one once
 * nothing signed with it is left to read (docs/architecture.md, section 7.2).
 */
public final class TrustedKeys {

	private final Map<String, Trusted> byId;

	private record Trusted(String name, Ed25519PublicKeyParameters key) {
	}

	private TrustedKeys(Map<String, Trusted> byId) {
		this.byId = byId;
	}

	/** The keys in the directory; refuses a directory without any, which would refuse every event. */
	public static TrustedKeys read(Path directory) {
		Map<String, Trusted> keys = new LinkedHashMap<>();
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : (Iterable<Path>) files.filter(f -> f.getFileName().toString().endsWith(".pub")).sorted()::iterator) {
				Ed25519PublicKeyParameters key = publicKey(file);
				String name = file.getFileName().toString().replaceFirst("\\.pub$", "");
				keys.put(EventSignatures.keyId(key.getEncoded()), new Trusted(name, key));
			}
		}
		catch (IOException e) {
			throw new ConfigException("Cannot read the trusted signing keys in " + directory + ": " + e.getMessage());
		}
		if (keys.isEmpty()) {
			throw new ConfigException("No trusted signing key (*.pub) in " + directory);
		}
		return new TrustedKeys(Collections.unmodifiableMap(keys));
	}

	private static Ed25519PublicKeyParameters publicKey(Path file) {
		AsymmetricKeyParameter key;
		try {
			key = PublicKeyFactory.createKey(PemFiles.block(file, "PUBLIC KEY"));
		}
		catch (IOException | RuntimeException e) {
			throw new ConfigException("Unreadable public key in " + file + ": " + e.getClass().getSimpleName());
		}
		if (!(key instanceof Ed25519PublicKeyParameters ed25519)) {
			throw new ConfigException("The public key in " + file + " is not an Ed25519 key");
		}
		return ed25519;
	}

	/** The ids of the keys, each with its file's name. */
	public Map<String, String> names() {
		Map<String, String> names = new LinkedHashMap<>();
		byId.forEach((id, trusted) -> names.put(id, trusted.name()));
		return names;
	}

	/**
	 * Checks that a record's value carries a valid signature of a trusted key; returns the key's name. The exceptions
	 * name the topic and key id only, never the value.
	 */
	public String verify(String topic, Headers headers, byte[] value) {
		byte[] signature = EventSignatures.signatureOf(headers);
		String keyId = EventSignatures.keyIdOf(headers);
		if (signature == null || keyId == null) {
			throw new UnsignedEvent("Unsigned message on topic " + topic + ": no " + EventSignatures.SIGNATURE_HEADER
					+ " and " + EventSignatures.KEY_ID_HEADER + " headers");
		}
		Trusted trusted = byId.get(keyId);
		if (trusted == null) {
			throw new UntrustedSigningKey("Message on topic " + topic + " signed with key " + keyId
					+ ", which this consumer does not trust");
		}
		Ed25519Signer verifier = new Ed25519Signer();
		verifier.init(false, trusted.key());
		verifier.update(value, 0, value.length);
		if (signature.length != Ed25519PublicKeyParameters.KEY_SIZE * 2 || !verifier.verifySignature(signature)) {
			throw new BadSignature("Message on topic " + topic + " does not match its signature (key " + keyId + ", "
					+ trusted.name() + ")");
		}
		return trusted.name();
	}
}
