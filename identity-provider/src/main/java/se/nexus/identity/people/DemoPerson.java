package se.nexus.identity.people;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/** A demo person who signs in as {@code <role>@<agency>} and holds that one role at that agency. */
public record DemoPerson(String username, String agency, String role) {

	/** The person with this role at this agency. */
	public static DemoPerson of(String agency, String role) {
		return new DemoPerson(role.toLowerCase(Locale.ROOT) + "@" + agency, agency, role);
	}

	/**
	 * The token subject: a name-based UUID, stable across restarts, so that the services' records and audit trail
	 * name a pseudonym rather than the user name.
	 */
	public String subject() {
		return UUID.nameUUIDFromBytes(("nexus-person:" + username).getBytes(StandardCharsets.UTF_8)).toString();
	}
}
