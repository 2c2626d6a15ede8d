package se.nexus.support.participants;

/**
 * An agency taking part in Nexus, with the function address its coordinators read and the address
 * to escalate to when nobody reacts in time.
 */
public record Agency(String id, AgencyKind kind, String functionAddress, String escalationAddress,
        boolean resourceCentre) {
}
