package se.nexus.audit.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Hand-made tables: which figures are withheld, and that no withheld cell and no small withheld total can be worked out
 * from what is published with it (checked independently, by exact elimination over the published equations).
 */
class SuppressionTests {

    private static final Suppression SUPPRESSION = new Suppression(5);

    @Test
    void aSingleSmallCellIsWithheldWithTheSmallestOtherCellOfItsRowAndTheirColumnTotals() {
        SuppressedTable table = safe(new long[][] { { 10, 3, 12 }, { 8, 9, 11 } });

        assertThat(withheld(table)).containsExactly(List.of(true, true, false), List.of(false, false, false));
        assertThat(table.rowTotals()).extracting(Figure::suppressed).containsExactly(false, false);
        assertThat(table.columnTotals()).extracting(Figure::suppressed).containsExactly(true, true, false);
        assertThat(table.total()).isEqualTo(new Figure(53, false));
    }

    @Test
    void aSmallCellAloneInItsRowIsWithheldWithItsRowTotalAndTheGrandTotal() {
        SuppressedTable table = safe(new long[][] { { 0, 3, 0 }, { 6, 7, 8 } });

        assertThat(withheld(table)).containsExactly(List.of(false, true, false), List.of(false, false, false));
        assertThat(table.rowTotals()).extracting(Figure::suppressed).containsExactly(true, false);
        assertThat(table.columnTotals()).extracting(Figure::suppressed).containsExactly(false, true, false);
        assertThat(table.total().suppressed()).isTrue();
    }

    @Test
    void twoSmallCellsInOneColumnEachTakeAComplementInTheirOwnRow() {
        SuppressedTable table = safe(new long[][] { { 2, 10 }, { 3, 12 }, { 9, 9 } });

        assertThat(withheld(table)).containsExactly(List.of(true, true), List.of(true, true), List.of(false, false));
        assertThat(table.total()).isEqualTo(new Figure(45, false));
    }

    @Test
    void aSmallRowTotalIsWithheldWithTheCellsThatMakeIt() {
        SuppressedTable table = safe(new long[][] { { 1, 2, 0 }, { 7, 8, 9 } });

        assertThat(withheld(table)).containsExactly(List.of(true, true, false), List.of(false, false, false));
        assertThat(table.rowTotals()).extracting(Figure::suppressed).containsExactly(true, false);
        assertThat(table.total().suppressed()).isTrue();
    }

    @Test
    void aOneRowTableKeepsItsSmallCellHidden() {
        SuppressedTable table = safe(new long[][] { { 3, 10, 20 } });

        assertThat(withheld(table)).containsExactly(List.of(true, true, false));
        assertThat(table.rowTotals()).containsExactly(new Figure(33, false));
        assertThat(table.columnTotals()).extracting(Figure::suppressed).containsExactly(true, true, false);
    }

    @Test
    void zerosArePublished() {
        SuppressedTable table = safe(new long[][] { { 0, 0 }, { 0, 0 } });

        assertThat(withheld(table)).containsExactly(List.of(false, false), List.of(false, false));
        assertThat(table.total()).isEqualTo(new Figure(0, false));
    }

    @Test
    void aTableOfSmallCountsPublishesOnlyTotalsOfAtLeastTheThreshold() {
        SuppressedTable table = safe(new long[][] { { 1, 2 }, { 3, 4 } });

        assertThat(withheld(table)).containsExactly(List.of(true, true), List.of(true, true));
        assertThat(table.rowTotals()).containsExactly(new Figure(3, true), new Figure(7, false));
        assertThat(table.columnTotals()).extracting(Figure::suppressed).containsExactly(true, true);
        assertThat(table.total().suppressed()).isTrue();
    }

    /** The worked example of the module README. */
    @Test
    void aQuarterByUrgency() {
        SuppressedTable table = safe(new long[][] { { 0, 6, 12 }, { 2, 7, 9 }, { 0, 3, 8 } });

        assertThat(withheld(table)).containsExactly(List.of(false, false, false), List.of(true, true, false),
            List.of(false, true, true));
        assertThat(table.rowTotals()).containsExactly(new Figure(18, false), new Figure(18, false), new Figure(11, false));
        assertThat(table.columnTotals()).extracting(Figure::suppressed).containsExactly(true, true, true);
        assertThat(table.total()).isEqualTo(new Figure(47, false));
    }

    @Test
    void aMonthIsWithheldTheSameWayWhateverElseIsInThePeriod() {
        long[] march = { 4, 6, 9 };
        SuppressedTable alone = SUPPRESSION.withTotals(new long[][] { march }, 3);
        SuppressedTable inAQuarter = SUPPRESSION.withTotals(new long[][] { { 1, 1, 1 }, { 30, 2, 0 }, march }, 3);

        assertThat(inAQuarter.cells().get(2)).isEqualTo(alone.cells().get(0));
        assertThat(inAQuarter.rowTotals().get(2)).isEqualTo(alone.rowTotals().get(0));
    }

    @Test
    void aTableWithoutTotalsWithholdsOnlyTheSmallCounts() {
        SuppressedTable table = SUPPRESSION.withoutTotals(new long[][] { { 3, 10, 0 } });

        assertThat(withheld(table)).containsExactly(List.of(true, false, false));
        assertThat(table.hasTotals()).isFalse();
    }

    @Test
    void aSumOverMonthsIsWithheldWhenAnyMonthOfItIsSmallAndSoAreTheTotalsThatContainIt() {
        // Two months of a table by urgency (rows) and outcome (columns): in the first, one urgency had 2 late answers.
        long[][][] months = { { { 10, 2 }, { 7, 0 } }, { { 10, 8 }, { 9, 6 } } };

        SuppressedTable table = SUPPRESSION.sumsOverMonths(months, 2, 2);

        assertThat(table.cells()).containsExactly(List.of(new Figure(20, false), new Figure(10, true)),
            List.of(new Figure(16, false), new Figure(6, false)));
        assertThat(table.rowTotals()).extracting(Figure::suppressed).containsExactly(true, false);
        assertThat(table.columnTotals()).extracting(Figure::suppressed).containsExactly(false, true);
        assertThat(table.total().suppressed()).isTrue();
    }

    @Test
    void theDistinctCountOfAPeriodIsWithheldWhenAShorterPeriodWithinItCountsSlightlyFewer() {
        assertThat(SUPPRESSION.distinctTotal(40, new long[] { 30, 20, 38 })).isEqualTo(new Figure(40, true));
        assertThat(SUPPRESSION.distinctTotal(40, new long[] { 30, 20, 40 })).isEqualTo(new Figure(40, false));
        assertThat(SUPPRESSION.distinctTotal(4, new long[] {})).isEqualTo(new Figure(4, true));
    }

    @Test
    void aThresholdOfOneWithholdsNothing() {
        SuppressedTable table = new Suppression(1).withTotals(new long[][] { { 1, 2 } }, 2);

        assertThat(withheld(table)).containsExactly(List.of(false, false));
        assertThat(table.total()).isEqualTo(new Figure(3, false));
    }

    /** Suppresses the table and checks, by exact elimination, that what is withheld stays hidden. */
    private static SuppressedTable safe(long[][] months) {
        SuppressedTable table = SUPPRESSION.withTotals(months, months[0].length);
        Attacker attacker = new Attacker(months.length, months[0].length, 5).reads(0, table);
        assertThat(attacker.determinedCells()).as("withheld cells that the published totals give away").isEmpty();
        assertThat(attacker.determinedSmallTotals()).as("small totals that the published ones give away").isEmpty();
        assertThat(attacker.publishedSmallFigures()).as("small figures published").isEmpty();
        return table;
    }

    private static List<List<Boolean>> withheld(SuppressedTable table) {
        return table.cells().stream().map(row -> row.stream().map(Figure::suppressed).toList()).toList();
    }
}
