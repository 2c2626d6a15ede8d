package se.nexus.referral.referral;

/** Who makes a change: the agency and a pseudonymous user or system ref, recorded on every event. */
public record Actor(String agency, String userRef) {
}
