package se.nexus.console.api;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

/** The referral service's public API, called as the signed-in caseworker. */
public class ReferralApi {

	private static final ParameterizedTypeReference<Views.Page<Views.Referral>> REFERRALS = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<Views.Page<Views.Handover>> HANDOVERS = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<Views.Page<Views.Consent>> CONSENTS = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<Views.Page<Views.HistoryEntry>> HISTORY = new ParameterizedTypeReference<>() {
	};

	private final RestClient http;

	ReferralApi(RestClient http) {
		this.http = http;
	}

	public Views.Page<Views.Referral> referrals(String box, String status, int page, int size) {
		return Calls.call(() -> http.get()
			.uri(uri -> uri.path("/api/v1/referrals").queryParam("box", box).queryParamIfPresent("status",
					Optional.ofNullable(status)).queryParam("page", page).queryParam("size", size).build())
			.retrieve()
			.body(REFERRALS));
	}

	public Views.Referral referral(UUID id) {
		return Calls.call(() -> http.get().uri("/api/v1/referrals/{id}", id).retrieve().body(Views.Referral.class));
	}

	public List<Views.HistoryEntry> history(UUID id) {
		return Calls.call(() -> http.get().uri("/api/v1/referrals/{id}/history", id).retrieve().body(HISTORY)).items();
	}

	public Views.Referral submit(Commands.SubmitReferral referral, UUID idempotencyKey) {
		return Calls.call(() -> http.post()
			.uri("/api/v1/referrals")
			.header("Idempotency-Key", key(idempotencyKey))
			.body(referral)
			.retrieve()
			.body(Views.Referral.class));
	}

	/** receive, accept, withdraw or close. */
	public Views.Referral transition(UUID id, String action, UUID idempotencyKey) {
		return Calls.call(() -> http.post()
			.uri("/api/v1/referrals/{id}/{action}", id, action)
			.header("Idempotency-Key", key(idempotencyKey))
			.retrieve()
			.body(Views.Referral.class));
	}

	public Views.Referral decline(UUID id, Commands.DeclineReferral decline, UUID idempotencyKey) {
		return Calls.call(() -> http.post()
			.uri("/api/v1/referrals/{id}/decline", id)
			.header("Idempotency-Key", key(idempotencyKey))
			.body(decline)
			.retrieve()
			.body(Views.Referral.class));
	}

	public Views.Consent consent(UUID id) {
		return Calls.call(() -> http.get().uri("/api/v1/consents/{id}", id).retrieve().body(Views.Consent.class));
	}

	/** The consents about a subject that the caller's agency recorded or is named in; the ref goes in the query, never in the console's URLs. */
	public List<Views.Consent> consentsAbout(String subjectRef) {
		return Calls.call(() -> http.get()
			.uri(uri -> uri.path("/api/v1/consents").queryParam("subjectRef", subjectRef).build())
			.retrieve()
			.body(CONSENTS)).items();
	}

	public Views.Consent grant(Commands.GrantConsent consent, UUID idempotencyKey) {
		return Calls.call(() -> http.post()
			.uri("/api/v1/consents")
			.header("Idempotency-Key", key(idempotencyKey))
			.body(consent)
			.retrieve()
			.body(Views.Consent.class));
	}

	public Views.Consent withdrawConsent(UUID id, UUID idempotencyKey) {
		return Calls.call(() -> http.post()
			.uri("/api/v1/consents/{id}/withdraw", id)
			.header("Idempotency-Key", key(idempotencyKey))
			.retrieve()
			.body(Views.Consent.class));
	}

	public Views.Handover handover(UUID id) {
		return Calls.call(() -> http.get().uri("/api/v1/handovers/{id}", id).retrieve().body(Views.Handover.class));
	}

	public Views.Page<Views.Handover> handovers(String box, String status, int page, int size) {
		return Calls.call(() -> http.get()
			.uri(uri -> uri.path("/api/v1/handovers").queryParam("box", box).queryParamIfPresent("status",
					Optional.ofNullable(status)).queryParam("page", page).queryParam("size", size).build())
			.retrieve()
			.body(HANDOVERS));
	}

	public Views.Handover requestHandover(UUID referralId, Commands.RequestHandover request, UUID idempotencyKey) {
		return Calls.call(() -> http.post()
			.uri("/api/v1/referrals/{id}/handovers", referralId)
			.header("Idempotency-Key", key(idempotencyKey))
			.body(request)
			.retrieve()
			.body(Views.Handover.class));
	}

	/** accept or cancel. */
	public Views.Handover decideHandover(UUID id, String action, UUID idempotencyKey) {
		return Calls.call(() -> http.post()
			.uri("/api/v1/handovers/{id}/{action}", id, action)
			.header("Idempotency-Key", key(idempotencyKey))
			.retrieve()
			.body(Views.Handover.class));
	}

	public Views.Handover declineHandover(UUID id, Commands.DeclineHandover decline, UUID idempotencyKey) {
		return Calls.call(() -> http.post()
			.uri("/api/v1/handovers/{id}/decline", id)
			.header("Idempotency-Key", key(idempotencyKey))
			.body(decline)
			.retrieve()
			.body(Views.Handover.class));
	}

	/** The form's key; a form posted without one (not from the console's own page) still changes things once. */
	private static String key(UUID idempotencyKey) {
		return (idempotencyKey == null ? UUID.randomUUID() : idempotencyKey).toString();
	}
}
