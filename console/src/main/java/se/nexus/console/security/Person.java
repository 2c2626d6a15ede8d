package se.nexus.console.security;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Who is signed in, as the pages need it: the agency and the role from the identity provider's ID token. The
 * subject is pseudonymous and never shown.
 */
public record Person(String agency, String role) {

	public static final String CASEWORKER = "CASEWORKER";

	public static final String COORDINATOR = "COORDINATOR";

	public static final String AUDITOR = "AUDITOR";

	/** The county board's follow-up of the work: statistics without personal data, nothing of any case. */
	public static final String FOLLOW_UP = "FOLLOW_UP";

	/** The person behind an OpenID Connect sign-in; a person holds one role. */
	public static Person of(Authentication authentication) {
		if (authentication == null || !(authentication.getPrincipal() instanceof OidcUser user)) {
			return null;
		}
		List<String> roles = user.getClaimAsStringList("roles");
		return new Person(user.getClaimAsString("agency"), roles == null || roles.isEmpty() ? null : roles.get(0));
	}

	public boolean isCaseworker() {
		return CASEWORKER.equals(role);
	}

	public boolean isAuditor() {
		return AUDITOR.equals(role);
	}

	public boolean isFollowUp() {
		return FOLLOW_UP.equals(role);
	}

	/** Who sees the statistics: the follow-up, and auditors. */
	public boolean seesStatistics() {
		return isFollowUp() || isAuditor();
	}

	public boolean isCoordinator() {
		return COORDINATOR.equals(role);
	}

	/** Where this person starts: their own work. */
	public String home() {
		if (isCaseworker()) {
			return "/referrals";
		}
		if (isCoordinator()) {
			return "/inbox";
		}
		if (isAuditor()) {
			return "/audit";
		}
		if (isFollowUp()) {
			return "/statistics";
		}
		return "/signed-in";
	}
}
