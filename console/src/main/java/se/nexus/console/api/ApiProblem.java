package se.nexus.console.api;

import java.util.List;

/**
 * A refusal from one of the services (an RFC 9457 problem detail), or its absence when a service could not be reached.
 * Pages turn it into words for the person; nothing of it is logged, as a detail may echo what was typed.
 */
public class ApiProblem extends RuntimeException {

	/** The status used when the service did not answer at all. */
	public static final int UNREACHABLE = 503;

	private final int status;

	private final String detail;

	private final List<FieldError> errors;

	public ApiProblem(int status, String detail, List<FieldError> errors) {
		super("The service answered " + status, null, false, false);
		this.status = status;
		this.detail = detail;
		this.errors = errors == null ? List.of() : List.copyOf(errors);
	}

	public int status() {
		return status;
	}

	/** The service's own explanation, in English: shown only where no better words exist. */
	public String detail() {
		return detail;
	}

	public List<FieldError> errors() {
		return errors;
	}

	/** One invalid field as the service named it, e.g. {@code subject.ref}. */
	public record FieldError(String field, String message) {
	}

	/** The body of a problem response; only the fields the console reads. */
	record Body(Integer status, String detail, List<FieldError> errors) {
	}
}
