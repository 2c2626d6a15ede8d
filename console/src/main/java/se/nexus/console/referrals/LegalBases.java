package se.nexus.console.referrals;

import java.util.UUID;

import org.springframework.validation.BindingResult;

import se.nexus.console.api.Views;

/** The legal basis a form describes: a consent (by its id) or a statutory provision. */
final class LegalBases {

	private LegalBases() {
	}

	/** The basis, or null when none is chosen; a consent id that is not one is put on the form as an error. */
	static Views.LegalBasis of(String type, String consentId, String provisionCode, BindingResult errors) {
		if ("STATUTORY".equals(type)) {
			return new Views.LegalBasis("STATUTORY", null, ReferralPages.blankToNull(provisionCode));
		}
		if (!"CONSENT".equals(type)) {
			return null;
		}
		String id = ReferralPages.blankToNull(consentId);
		if (id == null) {
			return new Views.LegalBasis("CONSENT", null, null);
		}
		try {
			return new Views.LegalBasis("CONSENT", UUID.fromString(id), null);
		}
		catch (IllegalArgumentException notAnId) {
			errors.rejectValue("consentId", "invalid.consentId");
			return null;
		}
	}
}
