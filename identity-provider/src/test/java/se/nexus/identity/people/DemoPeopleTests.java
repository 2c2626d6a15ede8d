package se.nexus.identity.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import se.nexus.identity.participants.Participants;

class DemoPeopleTests {

	private final Participants participants = new Participants(
			Map.of("RESOURCE_CENTRE", List.of("CASEWORKER", "COORDINATOR", "AUDITOR"), "COUNTY_BOARD", List.of("AUDITOR", "FOLLOW_UP")),
			List.of(new Participants.Agency("se.uppsala.nexus", "RESOURCE_CENTRE"),
					new Participants.Agency("se.lansstyrelsen.uppsala", "COUNTY_BOARD")));

	@Test
	void hasOnePersonPerAgencyAndRoleItsKindMayHold() {
		assertThat(DemoPeople.of(participants).all()).extracting(DemoPerson::username)
			.containsExactly("auditor@se.lansstyrelsen.uppsala", "auditor@se.uppsala.nexus",
					"caseworker@se.uppsala.nexus", "coordinator@se.uppsala.nexus", "follow_up@se.lansstyrelsen.uppsala");
	}

	@Test
	void givesEachPersonAStablePseudonymNotTheirUserName() {
		DemoPerson person = DemoPerson.of("se.uppsala.nexus", "COORDINATOR");

		assertThat(person.subject()).isEqualTo(DemoPerson.of("se.uppsala.nexus", "COORDINATOR").subject())
			.isNotEqualTo(DemoPerson.of("se.uppsala.nexus", "CASEWORKER").subject())
			.doesNotContain("coordinator")
			.matches("[0-9a-f-]{36}");
	}
}
