package se.nexus.audit.statistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Someone who reads published answers of a table with month rows and tries to work out what was withheld: each
 * published total is an equation over the monthly cells it sums, and the published cells are known. Answers for
 * different periods are placed by month on one grid, so answers for overlapping periods combine.
 */
final class Attacker {

    private final int months;
    private final int columns;
    private final int threshold;
    private final List<Answer> answers = new ArrayList<>();

    Attacker(int months, int columns, int threshold) {
        this.months = months;
        this.columns = columns;
        this.threshold = threshold;
    }

    /** Reads the answer whose rows are the months {@code first}, {@code first + 1}, … */
    Attacker reads(int first, SuppressedTable answer) {
        answers.add(new Answer(first, answer));
        return this;
    }

    /** Every withheld cell, as "month/column", that the answers read so far determine: empty when they are safe. */
    List<String> determinedCells() {
        Unknowns unknowns = unknowns();
        LinearSpan span = span(unknowns);
        List<String> determined = new ArrayList<>();
        for (int month = 0; month < months; month++) {
            for (int column = 0; column < columns; column++) {
                int unknown = unknowns.index[month][column];
                if (unknown >= 0 && span.determines(unknown)) {
                    determined.add(month + "/" + column);
                }
            }
        }
        return determined;
    }

    /** Every withheld total whose value is small that the answers read so far determine: empty when they are safe. */
    List<String> determinedSmallTotals() {
        Unknowns unknowns = unknowns();
        LinearSpan span = span(unknowns);
        return answers.stream().flatMap(answer -> answer.totals().stream())
            .filter(total -> total.figure().suppressed() && small(total.figure().value()))
            .filter(total -> span.determines(unknowns.over(total.months(), total.columns())))
            .map(Total::name).toList();
    }

    /** Cells withheld in one answer and published in another: a month must look the same in every period. */
    List<String> inconsistentCells() {
        List<String> inconsistent = new ArrayList<>();
        for (Answer a : answers) {
            for (Answer b : answers) {
                for (int month = Math.max(a.first, b.first); month < Math.min(a.end(), b.end()); month++) {
                    for (int column = 0; column < columns; column++) {
                        if (a.cell(month, column).suppressed() != b.cell(month, column).suppressed()) {
                            inconsistent.add(month + "/" + column);
                        }
                    }
                }
            }
        }
        return inconsistent;
    }

    /** Published figures from 1 to threshold−1, which must never be. */
    List<String> publishedSmallFigures() {
        List<String> published = new ArrayList<>();
        for (Answer answer : answers) {
            for (int month = answer.first; month < answer.end(); month++) {
                for (int column = 0; column < columns; column++) {
                    Figure cell = answer.cell(month, column);
                    if (!cell.suppressed() && small(cell.value())) {
                        published.add("cell " + month + "/" + column);
                    }
                }
            }
            answer.totals().stream().filter(total -> !total.figure().suppressed() && small(total.figure().value()))
                .forEach(total -> published.add(total.name()));
        }
        return published;
    }

    private boolean small(long value) {
        return value > 0 && value < threshold;
    }

    private Unknowns unknowns() {
        int[][] index = new int[months][columns];
        for (int[] row : index) {
            Arrays.fill(row, -1);
        }
        int count = 0;
        for (Answer answer : answers) {
            for (int month = answer.first; month < answer.end(); month++) {
                for (int column = 0; column < columns; column++) {
                    if (answer.cell(month, column).suppressed() && index[month][column] < 0) {
                        index[month][column] = count++;
                    }
                }
            }
        }
        return new Unknowns(index, count);
    }

    private LinearSpan span(Unknowns unknowns) {
        LinearSpan span = new LinearSpan(unknowns.count);
        answers.stream().flatMap(answer -> answer.totals().stream()).filter(total -> !total.figure().suppressed())
            .forEach(total -> span.add(unknowns.over(total.months(), total.columns())));
        return span;
    }

    /** Which monthly cells are unknown to the attacker, numbered. */
    private record Unknowns(int[][] index, int count) {

        int[] over(int[] months, int[] columns) {
            int[] coefficients = new int[count];
            for (int month : months) {
                for (int column : columns) {
                    if (index[month][column] >= 0) {
                        coefficients[index[month][column]] = 1;
                    }
                }
            }
            return coefficients;
        }
    }

    /** A total of an answer and the monthly cells it sums. */
    private record Total(String name, Figure figure, int[] months, int[] columns) {
    }

    private record Answer(int first, SuppressedTable table) {

        int end() {
            return first + table.cells().size();
        }

        Figure cell(int month, int column) {
            return table.cells().get(month - first).get(column);
        }

        List<Total> totals() {
            List<Total> totals = new ArrayList<>();
            if (!table.hasTotals()) {
                return totals;
            }
            int columns = table.columnTotals().size();
            int[] months = IntStream.range(first, end()).toArray();
            int[] all = IntStream.range(0, columns).toArray();
            String period = first + ".." + (end() - 1);
            for (int month = first; month < end(); month++) {
                totals.add(new Total("total of month " + month, table.rowTotals().get(month - first),
                    new int[] { month }, all));
            }
            for (int column = 0; column < columns; column++) {
                totals.add(new Total("total of column " + column + " over " + period, table.columnTotals().get(column),
                    months, new int[] { column }));
            }
            totals.add(new Total("grand total over " + period, table.total(), months, all));
            return totals;
        }
    }
}
