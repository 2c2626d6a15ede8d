package se.nexus.console;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The agencies that take part, read from the services' own nexus-participants.yml: the choices on the forms. */
@ConfigurationProperties("nexus.participants")
public record Participants(Map<String, List<String>> rolesByKind, List<Agency> agencies) {

	public Participants {
		rolesByKind = Map.copyOf(rolesByKind);
		agencies = List.copyOf(agencies);
	}

	/** One agency: its id and kind. */
	public record Agency(String id, String kind) {
	}

	/** The agencies that work cases (may hold CASEWORKER), other than the given one: who can receive a referral. */
	public List<Agency> caseAgenciesOtherThan(String agency) {
		return agencies.stream()
			.filter(candidate -> !candidate.id().equals(agency))
			.filter(candidate -> rolesByKind.getOrDefault(candidate.kind(), List.of()).contains("CASEWORKER"))
			.toList();
	}
}
