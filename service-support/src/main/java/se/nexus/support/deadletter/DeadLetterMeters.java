package se.nexus.support.deadletter;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Gauges of what waits for an operator, per consumer group: {@code nexus.kafka.dead.letters.open} (DEAD) and
 * {@code nexus.kafka.parked} (PARKED behind them), read from the table at each scrape, so every instance reports the
 * same figures whichever consumes the partitions.
 */
class DeadLetterMeters {

    static final String OPEN_DEAD_LETTERS = "nexus.kafka.dead.letters.open";
    static final String PARKED = "nexus.kafka.parked";

    private final DeadLetters deadLetters;
    private final MeterRegistry registry;
    private final Set<String> watched = ConcurrentHashMap.newKeySet();

    DeadLetterMeters(DeadLetters deadLetters, MeterRegistry registry) {
        this.deadLetters = deadLetters;
        this.registry = registry;
    }

    /** Registers the group's gauges, once. */
    void watch(String group) {
        if (group == null || !watched.add(group)) {
            return;
        }
        Gauge.builder(OPEN_DEAD_LETTERS, deadLetters, rows -> rows.countOpen(group, DeadLetterStatus.DEAD))
            .description("Records that failed after their retries and wait for an operator (replay or resolve)")
            .tag("group", group).register(registry);
        Gauge.builder(PARKED, deadLetters, rows -> rows.countOpen(group, DeadLetterStatus.PARKED))
            .description("Records parked behind a dead letter of the same key, applied once it is replayed or resolved")
            .tag("group", group).register(registry);
    }
}
