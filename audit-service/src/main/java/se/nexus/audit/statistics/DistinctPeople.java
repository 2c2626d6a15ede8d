package se.nexus.audit.statistics;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * How many distinct people a run of months saw, and each shorter run within it: what a period's total is checked
 * against.
 */
final class DistinctPeople {

    private DistinctPeople() {
    }

    /** The distinct people over all the months. */
    static <T> long over(List<? extends Set<T>> months) {
        Set<T> all = new HashSet<>();
        months.forEach(all::addAll);
        return all.size();
    }

    /** The distinct people over every run of consecutive months shorter than the whole, in no particular order. */
    static <T> long[] overEveryShorterRun(List<? extends Set<T>> months) {
        LongStream.Builder counts = LongStream.builder();
        for (int first = 0; first < months.size(); first++) {
            Set<T> seen = new HashSet<>();
            for (int last = first; last < months.size(); last++) {
                seen.addAll(months.get(last));
                if (last - first + 1 < months.size()) {
                    counts.add(seen.size());
                }
            }
        }
        return counts.build().toArray();
    }
}
