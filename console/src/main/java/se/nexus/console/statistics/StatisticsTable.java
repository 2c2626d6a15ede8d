package se.nexus.console.statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import tools.jackson.databind.JsonNode;

/**
 * A table of the statistics as the service published it: rows (months, or urgencies), columns (categories), the
 * cells, and, for a table whose cells add up, its row and column totals and grand total.
 *
 * @param unit {@code count}, {@code percent} or {@code seconds}
 */
record StatisticsTable(String id, String rowDimension, String columnDimension, String unit, boolean additive,
        List<String> rows, List<String> columns, List<List<Figure>> cells, List<Figure> rowTotals,
        List<Figure> columnTotals, Figure total) {

    static StatisticsTable of(JsonNode table) {
        List<List<Figure>> cells = new ArrayList<>();
        table.path("cells").forEach(row -> cells.add(figures(row)));
        return new StatisticsTable(table.path("id").asString(""), table.path("rowDimension").asString(""),
            table.path("columnDimension").asString(""), table.path("unit").asString("count"),
            table.path("additive").asBoolean(false), texts(table.path("rows")), texts(table.path("columns")), cells,
            table.path("rowTotals").isArray() ? figures(table.path("rowTotals")) : null,
            table.path("columnTotals").isArray() ? figures(table.path("columnTotals")) : null,
            table.hasNonNull("total") ? Figure.of(table.get("total")) : null);
    }

    /** The tables of a statistics answer, in the service's order. */
    static List<StatisticsTable> allOf(JsonNode answer) {
        return StreamSupport.stream(answer.path("tables").spliterator(), false).map(StatisticsTable::of).toList();
    }

    /** The one table with this id, or null if the answer has none. */
    static StatisticsTable find(List<StatisticsTable> tables, String id) {
        return tables.stream().filter(table -> table.id().equals(id)).findFirst().orElse(null);
    }

    Figure cell(int row, int column) {
        return row < cells.size() && column < cells.get(row).size() ? cells.get(row).get(column) : Figure.NONE;
    }

    Figure cell(String row, String column) {
        int r = rows.indexOf(row);
        int c = columns.indexOf(column);
        return r < 0 || c < 0 ? Figure.NONE : cell(r, c);
    }

    Figure rowTotal(int row) {
        return rowTotals == null || row >= rowTotals.size() ? Figure.NONE : rowTotals.get(row);
    }

    Figure columnTotal(String column) {
        int c = columns.indexOf(column);
        return columnTotals == null || c < 0 || c >= columnTotals.size() ? Figure.NONE : columnTotals.get(c);
    }

    boolean anySuppressed() {
        return cells.stream().flatMap(List::stream).anyMatch(Figure::suppressed)
            || (rowTotals != null && rowTotals.stream().anyMatch(Figure::suppressed))
            || (columnTotals != null && columnTotals.stream().anyMatch(Figure::suppressed))
            || (total != null && total.suppressed());
    }

    private static List<Figure> figures(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(Figure::of).toList();
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(node -> node.asString("")).toList();
    }
}
