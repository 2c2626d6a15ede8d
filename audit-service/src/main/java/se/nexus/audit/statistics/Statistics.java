package se.nexus.audit.statistics;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The statistics of a period, without personal data: counts that could single someone out are withheld.
 *
 * @param from the first month, {@code YYYY-MM}
 * @param to the last month, {@code YYYY-MM}, included
 * @param groupBy what the referrals table's columns are
 * @param threshold counts from 1 to threshold−1 are withheld, and whatever would give them away
 * @param projectedThrough the chain position the statistics include every entry up to
 * @param tables the tables, always the same eight in the same order
 */
public record Statistics(
        @Schema(example = "2026-01") String from,
        @Schema(example = "2026-12") String to,
        @Schema(allowableValues = { "urgency", "sendingAgencyKind", "receivingAgencyKind", "concern", "legalBasis" })
        String groupBy,
        @Schema(example = "5") int threshold,
        @Schema(description = "The chain position the statistics include every entry up to") long projectedThrough,
        List<StatisticsTable> tables) {

    /**
     * One table: rows by columns of cells, with totals where adding up means something.
     *
     * @param id {@code referrals}, {@code persons}, {@code declines}, {@code caseEvents}, {@code notifications},
     *     {@code acknowledgedInTime}, {@code escalations} or {@code durations}
     * @param rowDimension what the rows are: {@code month} or {@code urgency}
     * @param columnDimension what the columns are
     * @param unit {@code count}, {@code percent} or {@code seconds}
     * @param additive whether the cells add up to the totals; a table that is not has no row or column totals
     * @param rows the row labels: months {@code YYYY-MM} or urgencies
     * @param columns the column labels: codes, every known one even when nothing was counted under it
     * @param cells one list per row, one cell per column
     * @param rowTotals one per row, or null
     * @param columnTotals one per column, or null
     * @param total the grand total, or null; for {@code persons} the distinct people of the whole period
     */
    public record StatisticsTable(
            @Schema(allowableValues = { "referrals", "persons", "declines", "caseEvents", "notifications",
                "acknowledgedInTime", "escalations", "durations" }) String id,
            String rowDimension,
            String columnDimension,
            @Schema(allowableValues = { "count", "percent", "seconds" }) String unit,
            boolean additive,
            List<String> rows,
            List<String> columns,
            List<List<Cell>> cells,
            @Schema(description = "One per row; null when the table has no row totals") List<Cell> rowTotals,
            @Schema(description = "One per column; null when the table has no column totals") List<Cell> columnTotals,
            @Schema(description = "The grand total; for persons the distinct people of the whole period; null when the "
                + "table has none") Cell total) {
    }

    /**
     * A published number, or a withheld one.
     *
     * @param value the number; null when withheld, or when there is nothing to compute (no notification, no case)
     * @param suppressed whether the number is withheld
     */
    @Schema(name = "StatisticsCell")
    public record Cell(
            @Schema(types = { "number", "null" },
                description = "Null when withheld, or when there is nothing to compute (no notification, no case)")
            Number value,
            boolean suppressed) {

        static final Cell NOTHING = new Cell(null, false);

        static Cell of(Figure figure) {
            return figure.suppressed() ? new Cell(null, true) : new Cell(figure.value(), false);
        }
    }
}
