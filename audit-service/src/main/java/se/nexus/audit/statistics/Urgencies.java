package se.nexus.audit.statistics;

import java.util.List;

/** The urgencies an event may carry, in the order the event contract lists them (the messaging adapter knows it). */
public interface Urgencies {

    List<String> symbols();
}
