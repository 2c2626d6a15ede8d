package se.nexus.schemas.signing;

/** An event without a signature: no consumer acts on it. */
public class UnsignedEvent extends EventSignatureException {

	private static final long serialVersionUID = 1L;

	UnsignedEvent(String message) {
		super(message);
	}
}
