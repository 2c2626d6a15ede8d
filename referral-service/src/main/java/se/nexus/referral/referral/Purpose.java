package se.nexus.referral.referral;

/** What a disclosure is for; a consent covers one purpose, and a referral names the one it serves. */
public enum Purpose {
    PROTECTION_AND_SUPPORT, RISK_ASSESSMENT, CRIME_INVESTIGATION, HEALTH_CARE, CHILD_PROTECTION
}
