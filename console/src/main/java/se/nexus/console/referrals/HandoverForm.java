package se.nexus.console.referrals;

import java.util.Map;
import java.util.UUID;

/** A request that another agency take over the case, on a legal basis when it learns about the case from it. */
public class HandoverForm {

	static final Map<String, String> API_FIELDS = Map.of("legalBasis.type", "basisType", "legalBasis", "basisType",
			"legalBasis.consentId", "consentId", "legalBasis.provisionCode", "provisionCode");

	public UUID idempotencyKey = UUID.randomUUID();

	public String toAgency;

	public String reason;

	public String basisType = "CONSENT";

	public String consentId;

	public String provisionCode;
}
