package se.nexus.audit.web;

import java.util.List;
import java.util.function.BiConsumer;

import se.nexus.audit.statistics.Statistics;
import se.nexus.audit.statistics.Statistics.Cell;
import se.nexus.audit.statistics.Statistics.StatisticsTable;

/**
 * The statistics as one CSV table of {@code table,row,column,value} (RFC 4180), one line per cell, then the row
 * totals (column {@code TOTAL}), the column totals (row {@code TOTAL}) and the grand total; a withheld value is
 * {@code ..}, a value with nothing to compute is empty.
 */
final class StatisticsCsv {

    static final String MEDIA_TYPE = "text/csv";
    static final String TOTAL = "TOTAL";
    static final String WITHHELD = "..";

    private StatisticsCsv() {
    }

    static String of(Statistics statistics) {
        StringBuilder csv = new StringBuilder("table,row,column,value\r\n");
        statistics.tables().forEach(table -> append(csv, table));
        return csv.toString();
    }

    /** Where the CSV is saved: {@code nexus-statistics-<from>-<to>.csv}. */
    static String filename(Statistics statistics) {
        return "nexus-statistics-" + statistics.from() + "-" + statistics.to() + ".csv";
    }

    private static void append(StringBuilder csv, StatisticsTable table) {
        for (int row = 0; row < table.rows().size(); row++) {
            for (int column = 0; column < table.columns().size(); column++) {
                Cell cell = table.cells().get(row).get(column);
                line(csv, table.id(), table.rows().get(row), table.columns().get(column), cell);
            }
        }
        forEach(table.rowTotals(), table.rows(), (label, cell) -> line(csv, table.id(), label, TOTAL, cell));
        forEach(table.columnTotals(), table.columns(), (label, cell) -> line(csv, table.id(), TOTAL, label, cell));
        if (table.total() != null) {
            line(csv, table.id(), TOTAL, TOTAL, table.total());
        }
    }

    private static void forEach(List<Cell> totals, List<String> labels, BiConsumer<String, Cell> line) {
        if (totals != null) {
            for (int i = 0; i < totals.size(); i++) {
                line.accept(labels.get(i), totals.get(i));
            }
        }
    }

    private static void line(StringBuilder csv, String table, String row, String column, Cell cell) {
        String value = cell.suppressed() ? WITHHELD : cell.value() == null ? "" : cell.value().toString();
        csv.append(field(table)).append(',').append(field(row)).append(',').append(field(column)).append(',')
            .append(value).append("\r\n");
    }

    /** Codes need no quotes; anything with a comma, quote or line break gets them, as RFC 4180 says. */
    private static String field(String text) {
        if (text.chars().noneMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
