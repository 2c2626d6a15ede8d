package se.nexus.schemas.registry;

/** The schema registry refused a request, failed, or did not answer in time. */
public class SchemaRegistryException extends RuntimeException {

	private final int status;

	private final int errorCode;

	SchemaRegistryException(String message, int status, int errorCode) {
		super(message);
		this.status = status;
		this.errorCode = errorCode;
	}

	SchemaRegistryException(String message, Throwable cause) {
		super(message, cause);
		this.status = -1;
		this.errorCode = -1;
	}

	/** The HTTP status, or -1 when the registry did not answer. */
	public int status() {
		return status;
	}

	/** The registry's error code (for example 40401 subject not found, 409 incompatible), or -1. */
	public int errorCode() {
		return errorCode;
	}

	/** True when the registry does not know the subject, version or schema asked for. */
	public boolean isNotFound() {
		return status == 404;
	}

	/** True when the registry refused a schema as incompatible with earlier versions. */
	public boolean isIncompatible() {
		return status == 409;
	}
}
