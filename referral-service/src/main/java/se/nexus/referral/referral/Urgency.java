package se.nexus.referral.referral;

/** How soon the receiving agency must react. */
public enum Urgency {
    IMMEDIATE, URGENT, ROUTINE
}
