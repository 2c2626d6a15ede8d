package se.nexus.audit.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The property suppression exists for, on many seeded random tables full of small counts: whatever is published, in
 * one answer or in the answers for overlapping periods together, no withheld cell and no small withheld total can be
 * worked out, and nothing from 1 to threshold−1 is published. Checked by exact elimination ({@link LinearSpan}), not
 * by the rules the suppression follows.
 */
class SuppressionPropertyTests {

    private static final int THRESHOLD = 5;
    private static final Suppression SUPPRESSION = new Suppression(THRESHOLD);

    @Test
    void twoThousandRandomTablesKeepEveryWithheldFigureHidden() {
        Random random = new Random(20260101);
        Coverage coverage = new Coverage();
        for (int table = 0; table < 2_000; table++) {
            int threshold = new int[] { 2, 3, 5, 5, 5, 10 }[random.nextInt(6)];
            long[][] months = counts(random, 1 + random.nextInt(12), 1 + random.nextInt(8), threshold);
            SuppressedTable answer = new Suppression(threshold).withTotals(months, months[0].length);
            Attacker attacker = new Attacker(months.length, months[0].length, threshold).reads(0, answer);

            String which = "table " + table + " " + Arrays.deepToString(months) + " threshold " + threshold;
            assertThat(attacker.determinedCells()).as(which).isEmpty();
            assertThat(attacker.determinedSmallTotals()).as(which).isEmpty();
            assertThat(attacker.publishedSmallFigures()).as(which).isEmpty();
            coverage.note(months, answer, threshold);
        }
        // The random tables reach every way a figure comes to be withheld.
        assertThat(coverage.complementaryCells).isGreaterThan(500);
        assertThat(coverage.withheldRowTotals).isGreaterThan(200);
        assertThat(coverage.withheldGrandTotals).isGreaterThan(200);
        assertThat(coverage.publishedColumnTotals).isGreaterThan(500);
    }

    @Test
    void aThousandPairsOfOverlappingPeriodsTogetherGiveNothingAway() {
        Random random = new Random(7);
        for (int pair = 0; pair < 1_000; pair++) {
            int columns = 1 + random.nextInt(6);
            long[][] months = counts(random, 24, columns, THRESHOLD);
            int[] first = period(random, 24);
            int[] second = overlapping(random, first, 24);
            Attacker attacker = new Attacker(24, columns, THRESHOLD)
                .reads(first[0], SUPPRESSION.withTotals(slice(months, first), columns))
                .reads(second[0], SUPPRESSION.withTotals(slice(months, second), columns));

            String which = "pair " + pair + " " + Arrays.toString(first) + " and " + Arrays.toString(second);
            assertThat(attacker.inconsistentCells()).as(which).isEmpty();
            assertThat(attacker.determinedCells()).as(which).isEmpty();
            assertThat(attacker.determinedSmallTotals()).as(which).isEmpty();
            assertThat(attacker.publishedSmallFigures()).as(which).isEmpty();
        }
    }

    @Test
    void theAnswersForEveryPeriodOfTwoYearsTogetherGiveNothingAway() {
        Random random = new Random(11);
        for (int dataset = 0; dataset < 20; dataset++) {
            int columns = 1 + random.nextInt(5);
            long[][] months = counts(random, 24, columns, THRESHOLD);
            Attacker attacker = new Attacker(24, columns, THRESHOLD);
            for (int from = 0; from < 24; from++) {
                for (int to = from; to < 24; to++) {
                    attacker.reads(from, SUPPRESSION.withTotals(slice(months, new int[] { from, to }), columns));
                }
            }
            assertThat(attacker.determinedCells()).as("dataset " + dataset).isEmpty();
            assertThat(attacker.determinedSmallTotals()).as("dataset " + dataset).isEmpty();
        }
    }

    /**
     * Tables over the whole period (by urgency) are sums of a finer monthly table nobody sees: overlapping periods'
     * answers together determine none of its small monthly counts, nor any small sum that was withheld.
     */
    @Test
    void sumsOverOverlappingPeriodsDetermineNoSmallMonthlyCount() {
        Random random = new Random(3);
        int rows = 3;
        int columns = 3;
        for (int pair = 0; pair < 300; pair++) {
            long[][][] months = new long[12][][];
            for (int month = 0; month < 12; month++) {
                months[month] = counts(random, rows, columns, THRESHOLD);
            }
            int[] first = period(random, 12);
            int[] second = overlapping(random, first, 12);
            MonthlySumsAttacker attacker = new MonthlySumsAttacker(months, rows, columns);
            attacker.reads(first, SUPPRESSION.sumsOverMonths(Arrays.copyOfRange(months, first[0], first[1] + 1), rows, columns));
            attacker.reads(second, SUPPRESSION.sumsOverMonths(Arrays.copyOfRange(months, second[0], second[1] + 1), rows, columns));

            assertThat(attacker.determinedSmallCounts()).as("pair " + pair).isEmpty();
            assertThat(attacker.publishedSmallFigures()).as("pair " + pair).isEmpty();
        }
    }

    /**
     * The distinct people of a period is not a sum, so elimination does not apply: instead, no two nested periods whose
     * totals are both published differ by a small number, which would count the people seen only in the months between.
     */
    @Test
    void theDistinctPeopleOfNestedPeriodsNeverDifferByASmallNumber() {
        Random random = new Random(5);
        for (int dataset = 0; dataset < 200; dataset++) {
            List<Set<Integer>> months = people(random, 12);
            long[][] published = new long[12][12];
            for (int from = 0; from < 12; from++) {
                for (int to = from; to < 12; to++) {
                    List<Set<Integer>> period = months.subList(from, to + 1);
                    Figure total = SUPPRESSION.distinctTotal(DistinctPeople.over(period),
                        DistinctPeople.overEveryShorterRun(period));
                    assertThat(total.suppressed() || !SUPPRESSION.small(total.value())).isTrue();
                    published[from][to] = total.suppressed() ? -1 : total.value();
                }
            }
            for (int from = 0; from < 12; from++) {
                for (int to = from; to < 12; to++) {
                    for (int innerFrom = from; innerFrom <= to; innerFrom++) {
                        for (int innerTo = innerFrom; innerTo <= to; innerTo++) {
                            long outer = published[from][to];
                            long inner = published[innerFrom][innerTo];
                            if (outer >= 0 && inner >= 0) {
                                assertThat(SUPPRESSION.small(outer - inner)).as("dataset %d: %d..%d against %d..%d",
                                    dataset, from, to, innerFrom, innerTo).isFalse();
                            }
                        }
                    }
                }
            }
        }
    }

    /** Counts as a small county's: many zeros and small numbers, some larger. */
    private static long[][] counts(Random random, int rows, int columns, int threshold) {
        long[][] counts = new long[rows][columns];
        for (long[] row : counts) {
            for (int column = 0; column < columns; column++) {
                int kind = random.nextInt(10);
                row[column] = kind < 3 ? 0 : kind < 7 ? 1 + random.nextInt(Math.max(1, threshold - 1))
                    : threshold + random.nextInt(25);
            }
        }
        return counts;
    }

    /** A month's people: a pool of 60, some coming back month after month. */
    private static List<Set<Integer>> people(Random random, int count) {
        List<Set<Integer>> months = new ArrayList<>();
        for (int month = 0; month < count; month++) {
            Set<Integer> seen = new HashSet<>();
            int size = random.nextInt(12);
            for (int i = 0; i < size; i++) {
                seen.add(random.nextInt(60));
            }
            months.add(seen);
        }
        return months;
    }

    private static int[] period(Random random, int months) {
        int from = random.nextInt(months);
        return new int[] { from, from + random.nextInt(months - from) };
    }

    /** A period sharing at least one month with the given one. */
    private static int[] overlapping(Random random, int[] period, int months) {
        int shared = period[0] + random.nextInt(period[1] - period[0] + 1);
        int from = random.nextInt(shared + 1);
        int to = shared + random.nextInt(months - shared);
        return new int[] { from, to };
    }

    private static long[][] slice(long[][] months, int[] period) {
        return Arrays.copyOfRange(months, period[0], period[1] + 1);
    }

    /** How often each kind of withholding happened, so the random tables are known to reach them all. */
    private static final class Coverage {

        int complementaryCells;
        int withheldRowTotals;
        int withheldGrandTotals;
        int publishedColumnTotals;

        void note(long[][] months, SuppressedTable answer, int threshold) {
            for (int row = 0; row < months.length; row++) {
                for (int column = 0; column < months[row].length; column++) {
                    complementaryCells += answer.cells().get(row).get(column).suppressed()
                        && months[row][column] >= threshold ? 1 : 0;
                }
            }
            withheldRowTotals += (int) answer.rowTotals().stream().filter(Figure::suppressed).count();
            publishedColumnTotals += (int) answer.columnTotals().stream().filter(total -> !total.suppressed()).count();
            withheldGrandTotals += answer.total().suppressed() ? 1 : 0;
        }
    }
}
