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
		if (AUDITOR.equals(role)) {
			return "/audit";
		}
		return "/signed-in";
	}
}
