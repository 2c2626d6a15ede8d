package se.nexus.schemas.signing;

/** An event signed with a key the consumer does not trust (unknown, or retired by a rotation). */
public class UntrustedSigningKey extends EventSignatureException {

	private static final long serialVersionUID = 1L;

	UntrustedSigningKey(String message) {
		super(message);
	}
}
