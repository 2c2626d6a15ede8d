package se.nexus.console.referrals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What a caseworker fills in to refer a case; kept as typed, so a refusal loses none of it. */
public class ReferralForm {

	/** The API's field names that this form names otherwise. */
	static final Map<String, String> API_FIELDS = Map.of("subject.ref", "subjectRef", "subject", "subjectRef",
			"legalBasis.type", "basisType", "legalBasis", "basisType", "legalBasis.consentId", "consentId",
			"legalBasis.provisionCode", "provisionCode");

	public UUID idempotencyKey = UUID.randomUUID();

	public String toAgency;

	public String subjectRef;

	public boolean protectedIdentity;

	public String urgency;

	public List<String> concerns = new ArrayList<>();

	public String basisType = "CONSENT";

	public String consentId;

	public String provisionCode;

	public String purpose;

	public String summary;
}
