package se.nexus.notification.notification;

/** How soon the notified agency must react. */
public enum Urgency {
    IMMEDIATE, URGENT, ROUTINE
}
