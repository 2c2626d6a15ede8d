package se.nexus.schemas.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * How a Nexus event proves who produced it: an Ed25519 signature over the record's value as it is on the wire (magic
 * byte, the 4-byte schema id, the Avro binary), in the header {@value #SIGNATURE_HEADER}, and the id of the key that
 * made it in {@value #KEY_ID_HEADER}. A key's id is the first 8 bytes of the SHA-256 of its 32-byte public key, in
 * hex: derived, so a producer and its consumers cannot disagree about it (docs/architecture.md, section 7.2).
 */
public final class EventSignatures {

	/** The 64-byte Ed25519 signature of the record's value. */
	public static final String SIGNATURE_HEADER = "nexus-signature";

	/** The id of the signing key, as UTF-8 text. */
	public static final String KEY_ID_HEADER = "nexus-signature-key";

	/** Producer setting: the PEM file (PKCS#8, {@code PRIVATE KEY}) of the key this producer signs with. */
	public static final String SIGNING_KEY_CONFIG = "nexus.signing.key";

	/**
	 * Consumer setting: the directory of the public keys ({@code *.pub}, PEM {@code PUBLIC KEY}) whose signatures this
	 * consumer accepts; set, every record must carry a valid signature of one of them.
	 */
	public static final String TRUSTED_KEYS_CONFIG = "nexus.signing.trusted";

	private EventSignatures() {
	}

	/** The id of a 32-byte Ed25519 public key. */
	public static String keyId(byte[] publicKey) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey);
			return HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("Every Java runtime has SHA-256", e);
		}
	}

	/** The signature a record carries, or null. */
	public static byte[] signatureOf(Headers headers) {
		Header header = headers == null ? null : headers.lastHeader(SIGNATURE_HEADER);
		return header == null ? null : header.value();
	}

	/** The id of the key a record is signed with, or null. */
	public static String keyIdOf(Headers headers) {
		Header header = headers == null ? null : headers.lastHeader(KEY_ID_HEADER);
		return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
	}
}
