package se.nexus.audit.statistics;

/** One number of a table before it is published: its value, and whether it must be withheld. */
record Figure(long value, boolean suppressed) {
}
