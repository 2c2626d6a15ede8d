package se.nexus.audit.statistics;

import java.util.ArrayList;
import java.util.List;

/**
 * Someone who reads sums over months of a monthly table that is never published ({@code months[month][row][column]})
 * and tries to work out its small counts: every count is unknown, every published sum an equation.
 */
final class MonthlySumsAttacker {

    private final long[][][] months;
    private final int rows;
    private final int columns;
    private final LinearSpan span;
    private final List<String> publishedSmall = new ArrayList<>();
    private final List<int[]> withheldSmallSums = new ArrayList<>();

    MonthlySumsAttacker(long[][][] months, int rows, int columns) {
        this.months = months;
        this.rows = rows;
        this.columns = columns;
        this.span = new LinearSpan(months.length * rows * columns);
    }

    /** Reads the answer for the months {@code period[0]} to {@code period[1]}. */
    void reads(int[] period, SuppressedTable answer) {
        for (int row = 0; row < rows; row++) {
            for (int column = 0; column < columns; column++) {
                read(period, row, row + 1, column, column + 1, answer.cells().get(row).get(column));
            }
            read(period, row, row + 1, 0, columns, answer.rowTotals().get(row));
        }
        for (int column = 0; column < columns; column++) {
            read(period, 0, rows, column, column + 1, answer.columnTotals().get(column));
        }
        read(period, 0, rows, 0, columns, answer.total());
    }

    /** The small monthly counts, and the small withheld sums, that the answers read so far determine. */
    List<String> determinedSmallCounts() {
        List<String> determined = new ArrayList<>();
        for (int month = 0; month < months.length; month++) {
            for (int row = 0; row < rows; row++) {
                for (int column = 0; column < columns; column++) {
                    long count = months[month][row][column];
                    if (count > 0 && count < 5 && span.determines(index(month, row, column))) {
                        determined.add(month + "/" + row + "/" + column);
                    }
                }
            }
        }
        withheldSmallSums.stream().filter(span::determines).forEach(sum -> determined.add("a small withheld sum"));
        return determined;
    }

    List<String> publishedSmallFigures() {
        return publishedSmall;
    }

    private void read(int[] period, int fromRow, int toRow, int fromColumn, int toColumn, Figure figure) {
        int[] coefficients = new int[months.length * rows * columns];
        for (int month = period[0]; month <= period[1]; month++) {
            for (int row = fromRow; row < toRow; row++) {
                for (int column = fromColumn; column < toColumn; column++) {
                    coefficients[index(month, row, column)] = 1;
                }
            }
        }
        boolean small = figure.value() > 0 && figure.value() < 5;
        if (!figure.suppressed()) {
            span.add(coefficients);
            if (small) {
                publishedSmall.add(fromRow + ".." + toRow + "/" + fromColumn + ".." + toColumn);
            }
        } else if (small) {
            withheldSmallSums.add(coefficients);
        }
    }

    private int index(int month, int row, int column) {
        return (month * rows + row) * columns + column;
    }
}
