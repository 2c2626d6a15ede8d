package se.nexus.audit.statistics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Reads the projection for one answer, inside the answer's transaction, so that every table sees the same snapshot. */
@Repository
@Transactional(propagation = Propagation.MANDATORY, readOnly = true)
class StatisticsReads {

    private final JdbcClient jdbc;

    StatisticsReads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long projectedThrough() {
        return jdbc.sql("SELECT position FROM statistics_cursor").query(Long.class).single();
    }

    MonthlyCounts counts(String from, String to) {
        MonthlyCounts counts = new MonthlyCounts();
        jdbc.sql("SELECT measure, month, category, count FROM statistics_counts WHERE month BETWEEN ? AND ?")
            .param(from).param(to)
            .query(rs -> {
                counts.add(Measure.ofColumn(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getLong(4));
            });
        return counts;
    }

    /** The people referred in each month, as their keyed hashes (hex), in the order of the months given. */
    List<Set<String>> persons(List<String> months) {
        Map<String, Set<String>> byMonth = new HashMap<>();
        jdbc.sql("SELECT month, person FROM statistics_persons WHERE month BETWEEN ? AND ?")
            .param(months.get(0)).param(months.get(months.size() - 1))
            .query(rs -> {
                byMonth.computeIfAbsent(rs.getString(1), month -> new HashSet<>())
                    .add(ProjectionBatch.HEX.formatHex(rs.getBytes(2)));
            });
        List<Set<String>> persons = new ArrayList<>(months.size());
        months.forEach(month -> persons.add(byMonth.getOrDefault(month, Set.of())));
        return persons;
    }

    /** How many cases, and their median and 90th percentile in milliseconds, by urgency, then kind of wait. */
    Map<String, Map<String, Waits>> durations(String from, String to) {
        Map<String, Map<String, Waits>> waits = new HashMap<>();
        jdbc.sql("SELECT urgency, kind, count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY millis), "
                + "percentile_cont(0.9) WITHIN GROUP (ORDER BY millis) FROM statistics_durations "
                + "WHERE month BETWEEN ? AND ? GROUP BY urgency, kind")
            .param(from).param(to)
            .query(rs -> {
                waits.computeIfAbsent(rs.getString(1), urgency -> new HashMap<>())
                    .put(rs.getString(2), new Waits(rs.getLong(3), rs.getDouble(4), rs.getDouble(5)));
            });
        return waits;
    }

    /** The waits behind one row of the durations table. */
    record Waits(long cases, double medianMillis, double p90Millis) {
    }
}
