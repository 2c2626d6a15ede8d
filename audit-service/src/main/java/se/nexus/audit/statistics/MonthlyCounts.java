package se.nexus.audit.statistics;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/** The counts of a period as stored: by measure, month and category. */
final class MonthlyCounts {

    private final Map<Measure, Map<String, Map<String, Long>>> counts = new EnumMap<>(Measure.class);

    void add(Measure measure, String month, String category, long count) {
        counts.computeIfAbsent(measure, m -> new HashMap<>()).computeIfAbsent(month, m -> new HashMap<>())
            .merge(category, count, Long::sum);
    }

    long of(Measure measure, String month, String category) {
        return counts.getOrDefault(measure, Map.of()).getOrDefault(month, Map.of()).getOrDefault(category, 0L);
    }

    /** The categories counted under this measure in the period, as they are shown. */
    Set<String> categories(Measure measure, UnaryOperator<String> shownAs) {
        Set<String> seen = new TreeSet<>();
        counts.getOrDefault(measure, Map.of()).values().forEach(month -> month.keySet().stream().map(shownAs)
            .forEach(seen::add));
        return seen;
    }

    /** Months by columns; categories shown alike (agencies of one kind) are added together. */
    long[][] grid(Measure measure, List<String> months, List<String> columns, UnaryOperator<String> shownAs) {
        long[][] grid = new long[months.size()][columns.size()];
        for (int row = 0; row < months.size(); row++) {
            for (Map.Entry<String, Long> count : counts.getOrDefault(measure, Map.of())
                    .getOrDefault(months.get(row), Map.of()).entrySet()) {
                int column = columns.indexOf(shownAs.apply(count.getKey()));
                if (column >= 0) {
                    grid[row][column] += count.getValue();
                }
            }
        }
        return grid;
    }
}
