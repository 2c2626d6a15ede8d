package se.nexus.audit.statistics;

import java.util.List;

/**
 * A table of counts after suppression: every cell, and the row totals, column totals and grand total where the table
 * has them (null where it has none).
 */
record SuppressedTable(List<List<Figure>> cells, List<Figure> rowTotals, List<Figure> columnTotals, Figure total) {

    boolean hasTotals() {
        return total != null;
    }
}
