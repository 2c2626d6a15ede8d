package se.nexus.schemas.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Headers;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;

/** The Ed25519 key a producer signs its events with ({@link EventSignatures}). */
public final class SigningKey {

	private final Ed25519PrivateKeyParameters key;

	private final String id;

	private final byte[] idBytes;

	private SigningKey(Ed25519PrivateKeyParameters key) {
		this.key = key;
		this.id = EventSignatures.keyId(key.generatePublicKey().getEncoded());
		this.idBytes = id.getBytes(StandardCharsets.UTF_8);
	}

	/** The key in a PEM file ({@code PRIVATE KEY}, PKCS#8), as {@code openssl genpkey -algorithm ed25519} writes it. */
	public static SigningKey read(Path file) {
		AsymmetricKeyParameter key;
		try {
			key = PrivateKeyFactory.createKey(PemFiles.block(file, "PRIVATE KEY"));
		}
		catch (IOException | RuntimeException e) {
			throw new ConfigException("Unreadable signing key in " + file + ": " + e.getClass().getSimpleName());
		}
		if (!(key instanceof Ed25519PrivateKeyParameters ed25519)) {
			throw new ConfigException("The signing key in " + file + " is not an Ed25519 key");
		}
		return new SigningKey(ed25519);
	}

	public String id() {
		return id;
	}

	/** The signature of a record's value. */
	public byte[] sign(byte[] value) {
		Ed25519Signer signer = new Ed25519Signer();
		signer.init(true, key);
		signer.update(value, 0, value.length);
		return signer.generateSignature();
	}

	/** Signs a record's value into its headers, replacing any signature they carried (a dead letter's original). */
	public void signInto(Headers headers, byte[] value) {
		headers.remove(EventSignatures.SIGNATURE_HEADER);
		headers.remove(EventSignatures.KEY_ID_HEADER);
		headers.add(EventSignatures.SIGNATURE_HEADER, sign(value));
		headers.add(EventSignatures.KEY_ID_HEADER, idBytes);
	}

	/** Names the key by its id, never its bytes. */
	@Override
	public String toString() {
		return "Ed25519 signing key " + id;
	}
}
