package se.nexus.schemas.signing;

/** An event whose bytes do not match its signature: altered after signing, or signed by someone else. */
public class BadSignature extends EventSignatureException {

	private static final long serialVersionUID = 1L;

	BadSignature(String message) {
		super(message);
	}
}
