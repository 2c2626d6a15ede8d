package se.nexus.support.participants;

/** The kinds of agency that work cases together. */
public enum AgencyKind {
    SOCIAL_SERVICES, HEALTH_CARE, POLICE, PROSECUTION, RESOURCE_CENTRE, COUNTY_BOARD
}
