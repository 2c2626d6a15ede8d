package se.nexus.console.statistics;

import java.util.List;

/**
 * One table of the statistics as the page shows it: a chart and, beside it, the same figures as a table in words.
 *
 * @param columns the column headings
 * @param rows each row's heading, cells and (for a table that adds up) total
 * @param totals the column totals and grand total, or null for a table without them
 * @param suppressed whether any figure is suppressed (the page then explains "..")
 */
record Section(String id, Chart chart, String unitKey, List<String> columns, List<Row> rows, Row totals,
        boolean rowTotals, boolean suppressed) {

    /** A row of the table: its heading, each cell as shown, and its total (null when the table has none). */
    record Row(String heading, List<Cell> cells, Cell total) {
    }

    /** A figure in words; a suppressed one reads ".." and says why to assistive technology. */
    record Cell(String text, boolean suppressed) {
    }
}
