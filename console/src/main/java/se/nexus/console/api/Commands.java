package se.nexus.console.api;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The request bodies the console sends, shaped exactly as the services' OpenAPI documents describe them. */
public final class Commands {

	private Commands() {
	}

	public record SubmitReferral(String toAgency, Views.Subject subject, String urgency, List<String> concerns,
			Views.LegalBasis legalBasis, String purpose, String summary) {
	}

	public record GrantConsent(String subjectRef, List<String> grantedTo, String purpose, List<String> dataCategories,
			LocalDate validFrom, LocalDate validUntil, String obtained) {
	}

	public record DeclineReferral(String reason, String comment) {
	}

	public record RequestHandover(String toAgency, String reason, Views.LegalBasis legalBasis) {
	}

	public record DeclineHandover(String reason) {
	}

	/** Sent with every change, so that a form submitted twice (a double click, a reload) changes things once. */
	public record Change(UUID idempotencyKey) {
	}
}
