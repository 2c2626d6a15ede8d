package se.nexus.console.web;

import java.util.Map;

import org.springframework.validation.BindingResult;

import se.nexus.console.api.ApiProblem;

/**
 * Turns a service's refusal into words for the person, on the form they filled in: each field error on its field,
 * the rest as one message at the top. The message keys are in the bundles; what they typed stays on the form.
 */
public final class ProblemMessages {

	private ProblemMessages() {
	}

	/**
	 * Puts the problem on the form. {@code fields} maps the API's field names (as in its problem's errors) to the
	 * form's; a field error the form has no field for becomes a message at the top. {@code unprocessable} names the
	 * message for a 422, which means something different for each form.
	 */
	public static void reject(ApiProblem problem, BindingResult form, Map<String, String> fields, String unprocessable) {
		boolean placed = false;
		for (ApiProblem.FieldError error : problem.errors()) {
			String apiField = error.field().replaceAll("\\[\\d+]", "");
			String formField = fields.getOrDefault(apiField, hasField(form, apiField) ? apiField : null);
			if (formField != null) {
				form.rejectValue(formField, "invalid." + formField);
				placed = true;
			}
		}
		if (!placed) {
			form.reject(globalKey(problem, unprocessable));
		}
	}

	/** The message key for a refusal that is not about one field. */
	public static String globalKey(ApiProblem problem, String unprocessable) {
		return switch (problem.status()) {
			case 400 -> "problem.invalid";
			case 403 -> "problem.forbidden";
			case 404 -> "problem.not-found";
			case 409 -> "problem.conflict";
			case 413 -> "problem.too-large";
			case 422 -> unprocessable == null ? "problem.unprocessable" : unprocessable;
			case 429 -> "problem.busy";
			default -> "problem.unavailable";
		};
	}

	private static boolean hasField(BindingResult form, String field) {
		try {
			return form.getFieldType(field) != null;
		}
		catch (RuntimeException notAField) {
			return false;
		}
	}
}
