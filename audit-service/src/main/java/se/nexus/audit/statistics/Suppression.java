package se.nexus.audit.statistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Withholds the small numbers that could single a person out, so that none can be worked out from what is published
 * with it, nor from the answers for other periods.
 *
 * <p>Every count from 1 to threshold−1 is withheld (primary suppression); 0 says that nobody is concerned and is
 * published. A month's row is suppressed from that row alone, the same in every period that contains the month: when
 * exactly one of its cells and its total is withheld, its smallest other non-zero cell is withheld too
 * (complementary suppression), so that the row total cannot give it away. A period's totals (a column's total, the
 * grand total) are published only when they are sums of published figures: a total that contained a withheld cell
 * could be subtracted from the same total of a period one month longer or shorter, and give that cell away.
 *
 * <p>Tables whose rows are not months (by urgency, over the whole period) are sums over the months of a finer table
 * that is never published: a sum is published only when none of its monthly parts is small, which holds whatever
 * periods are asked and compared.
 */
final class Suppression {

    private final int threshold;

    Suppression(int threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("The suppression threshold must be at least 1");
        }
        this.threshold = threshold;
    }

    int threshold() {
        return threshold;
    }

    /** Whether a count could single someone out: from 1 to threshold−1. */
    boolean small(long count) {
        return count > 0 && count < threshold;
    }

    /** A table of month rows with row totals, column totals and a grand total. */
    SuppressedTable withTotals(long[][] months, int columns) {
        List<MonthRow> rows = Arrays.stream(months).map(this::monthRow).toList();
        List<Figure> columnTotals = new ArrayList<>(columns);
        for (int column = 0; column < columns; column++) {
            int c = column;
            long sum = rows.stream().mapToLong(row -> row.values()[c]).sum();
            boolean hidesACell = rows.stream().anyMatch(row -> row.suppressed()[c]);
            columnTotals.add(new Figure(sum, small(sum) || hidesACell));
        }
        long grand = rows.stream().mapToLong(MonthRow::total).sum();
        // The grand total is the sum of the row totals and of the column totals: published when either is all published.
        boolean rowTotalsHide = rows.stream().anyMatch(MonthRow::totalSuppressed);
        boolean columnTotalsHide = columnTotals.stream().anyMatch(Figure::suppressed);
        return new SuppressedTable(rows.stream().map(MonthRow::cells).toList(),
            rows.stream().map(row -> new Figure(row.total(), row.totalSuppressed())).toList(), columnTotals,
            new Figure(grand, small(grand) || (rowTotalsHide && columnTotalsHide)));
    }

    /** A table without totals: no sum is published, so withholding the small counts is enough. */
    SuppressedTable withoutTotals(long[][] rows) {
        return new SuppressedTable(Arrays.stream(rows).map(this::cellsOnly).toList(), null, null, null);
    }

    /**
     * The sums over the months of a finer table ({@code months[month][row][column]}), with their totals: each figure
     * is withheld when any monthly count within it is small.
     */
    SuppressedTable sumsOverMonths(long[][][] months, int rows, int columns) {
        MonthlySums sums = new MonthlySums(months, this);
        List<List<Figure>> cells = new ArrayList<>(rows);
        List<Figure> rowTotals = new ArrayList<>(rows);
        for (int row = 0; row < rows; row++) {
            List<Figure> line = new ArrayList<>(columns);
            for (int column = 0; column < columns; column++) {
                line.add(sums.over(row, row + 1, column, column + 1));
            }
            cells.add(line);
            rowTotals.add(sums.over(row, row + 1, 0, columns));
        }
        List<Figure> columnTotals = new ArrayList<>(columns);
        for (int column = 0; column < columns; column++) {
            columnTotals.add(sums.over(0, rows, column, column + 1));
        }
        return new SuppressedTable(cells, rowTotals, columnTotals, sums.over(0, rows, 0, columns));
    }

    /**
     * The number of distinct people over a period, which is not a sum of the months' numbers: withheld when small, and
     * when it differs by a small number from the count of any shorter period within it, which would tell how many
     * people were seen only in the months left out.
     */
    Figure distinctTotal(long distinct, long[] distinctOfShorterPeriods) {
        boolean differsSlightly = Arrays.stream(distinctOfShorterPeriods)
            .anyMatch(shorter -> small(distinct - shorter));
        return new Figure(distinct, small(distinct) || differsSlightly);
    }

    /** A month's row with its total, decided from the row alone: primary, then complementary within the row. */
    MonthRow monthRow(long[] values) {
        boolean[] suppressed = new boolean[values.length];
        long total = 0;
        int withheld = 0;
        for (int column = 0; column < values.length; column++) {
            total += values[column];
            suppressed[column] = small(values[column]);
            withheld += suppressed[column] ? 1 : 0;
        }
        boolean totalSuppressed = small(total);
        if (withheld + (totalSuppressed ? 1 : 0) == 1) {
            suppressed[smallestOtherNonZero(values, suppressed)] = true;
        }
        return new MonthRow(values.clone(), suppressed, total, totalSuppressed);
    }

    /**
     * Exactly one withheld entry means a withheld cell beside a published total of at least the threshold, so another
     * cell is not zero. Ties go to the earlier column: the columns come in the same order in every period.
     */
    private static int smallestOtherNonZero(long[] values, boolean[] suppressed) {
        int smallest = -1;
        for (int column = 0; column < values.length; column++) {
            if (!suppressed[column] && values[column] > 0 && (smallest < 0 || values[column] < values[smallest])) {
                smallest = column;
            }
        }
        return smallest;
    }

    private List<Figure> cellsOnly(long[] values) {
        return Arrays.stream(values).mapToObj(value -> new Figure(value, small(value))).toList();
    }

    /** A month's row: its counts, which of them are withheld, its total and whether that is withheld. */
    record MonthRow(long[] values, boolean[] suppressed, long total, boolean totalSuppressed) {

        List<Figure> cells() {
            List<Figure> cells = new ArrayList<>(values.length);
            for (int column = 0; column < values.length; column++) {
                cells.add(new Figure(values[column], suppressed[column]));
            }
            return cells;
        }
    }

    /** Sums over rectangles of a finer monthly table, each withheld when any of its monthly counts is small. */
    private record MonthlySums(long[][][] months, Suppression suppression) {

        Figure over(int fromRow, int toRow, int fromColumn, int toColumn) {
            long sum = 0;
            boolean hidesASmallCount = false;
            for (long[][] month : months) {
                for (int row = fromRow; row < toRow; row++) {
                    for (int column = fromColumn; column < toColumn; column++) {
                        sum += month[row][column];
                        hidesASmallCount |= suppression.small(month[row][column]);
                    }
                }
            }
            return new Figure(sum, hidesASmallCount || suppression.small(sum));
        }
    }
}
