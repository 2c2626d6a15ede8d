package se.nexus.identity.participants;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The agencies that take part and the roles each kind may hold, read from the services' nexus-participants.yml. */
@ConfigurationProperties("nexus.participants")
public record Participants(Map<String, List<String>> rolesByKind, List<Agency> agencies) {

	public Participants {
		rolesByKind = Map.copyOf(rolesByKind);
		agencies = List.copyOf(agencies);
	}

	/** One agency: its id and its kind; the other settings the services read do not matter here. */
	public record Agency(String id, String kind) {
	}

	/** The roles an agency's tokens may carry, in a stable order. */
	public Set<String> roles(Agency agency) {
		List<String> roles = rolesByKind.get(agency.kind());
		if (roles == null) {
			throw new IllegalStateException("Agency " + agency.id() + " has kind " + agency.kind()
					+ ", which roles-by-kind does not list");
		}
		return new TreeSet<>(roles);
	}
}
