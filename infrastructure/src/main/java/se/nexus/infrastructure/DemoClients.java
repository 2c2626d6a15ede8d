package se.nexus.infrastructure;

import java.util.List;
import java.util.Set;

/** The demo agencies' OAuth2 clients of the test token issuer: client id = agency id, one shared demo secret. */
public final class DemoClients {

	/** The secret of every demo client; for local use only. */
	public static final String SECRET = "demo-secret";

	private static final List<String> AGENCIES = List.of("se.uppsala.socialtjanst", "se.region-uppsala.vard",
			"se.polisen.region-mitt", "se.aklagarmyndigheten", "se.uppsala.nexus", "se.lansstyrelsen.uppsala");

	/**
	 * The demo agencies whose systems take their notifications from a Kafka topic of their own: the resource centre and
	 * the police, who receive the walkthrough's referral and handover.
	 */
	private static final List<String> WITH_AGENCY_TOPICS = List.of("se.uppsala.nexus", "se.polisen.region-mitt");

	private static final String COUNTY_BOARD = "se.lansstyrelsen.uppsala";

	private static final String RESOURCE_CENTRE = "se.uppsala.nexus";

	private DemoClients() {
	}

	/** The demo agencies' ids: each agency's system also gets a Kafka certificate with its id as CN. */
	public static List<String> agencies() {
		return AGENCIES;
	}

	/**
	 * The demo agencies that have a Kafka topic of their own ({@code nexus.agency.<id>}): the local stack's and the
	 * tests' broker creates them with their ACLs, and their notification service publishes to them.
	 */
	public static List<String> withAgencyTopics() {
		return WITH_AGENCY_TOPICS;
	}

	/**
	 * One client per demo agency with the roles its kind may hold (nexus-participants.yml): CASEWORKER and
	 * COORDINATOR, plus AUDITOR and OPERATOR for the resource centre; only AUDITOR for the county board, which works no
	 * cases.
	 */
	public static List<TokenIssuer.Client> all() {
		return AGENCIES.stream().map(DemoClients::client).toList();
	}

	private static TokenIssuer.Client client(String agency) {
		Set<String> roles = switch (agency) {
			case COUNTY_BOARD -> Set.of("AUDITOR");
			case RESOURCE_CENTRE -> Set.of("CASEWORKER", "COORDINATOR", "AUDITOR", "OPERATOR");
			default -> Set.of("CASEWORKER", "COORDINATOR");
		};
		return new TokenIssuer.Client(agency, SECRET, agency, roles);
	}
}
