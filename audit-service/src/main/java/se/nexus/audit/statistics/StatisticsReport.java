package se.nexus.audit.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import se.nexus.audit.statistics.Statistics.Cell;
import se.nexus.audit.statistics.Statistics.StatisticsTable;
import se.nexus.audit.statistics.StatisticsReads.Waits;

/** Answers a statistics query from the projection, every table suppressed before it leaves. */
@Service
public class StatisticsReport {

    static final List<String> CASE_EVENTS = List.of("HANDOVER_REQUESTED", "HANDOVER_ACCEPTED", "HANDOVER_DECLINED",
        "HANDOVER_CANCELLED", "WITHDRAWN", "CONSENT_REVOKED");
    static final List<String> OUTCOMES = List.of("IN_TIME", "LATE", "NOT_ACKNOWLEDGED");
    static final List<String> DURATIONS = List.of("RECEIPT_MEDIAN", "RECEIPT_P90", "DECISION_MEDIAN", "DECISION_P90");

    private final StatisticsReads reads;
    private final Categories categories;
    private final Suppression suppression;

    StatisticsReport(StatisticsReads reads, Categories categories, StatisticsProperties properties) {
        this.reads = reads;
        this.categories = categories;
        this.suppression = new Suppression(properties.threshold());
    }

    /** One snapshot of the projection for every table: they agree with each other and with {@code projectedThrough}. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Statistics answer(StatisticsQuery query) {
        List<String> months = query.months();
        String from = months.get(0);
        String to = months.get(months.size() - 1);
        MonthlyCounts counts = reads.counts(from, to);
        List<StatisticsTable> tables = new ArrayList<>();
        tables.add(referrals(query.groupBy(), months, counts));
        tables.add(persons(months));
        tables.add(monthly("declines", "declineReason", months, counts, Measure.DECLINES, Categories.withOthersSeen(
            categories.declineReasons(), counts.categories(Measure.DECLINES, UnaryOperator.identity()))));
        tables.add(caseEvents(months, counts));
        tables.addAll(notifications(months, counts));
        tables.add(monthly("escalations", "urgency", months, counts, Measure.ESCALATIONS,
            urgencies(counts, Measure.ESCALATIONS)));
        tables.add(durations(from, to));
        return new Statistics(from, to, query.groupBy().parameter(), suppression.threshold(), reads.projectedThrough(),
            tables);
    }

    private StatisticsTable referrals(GroupBy groupBy, List<String> months, MonthlyCounts counts) {
        Measure measure = switch (groupBy) {
            case URGENCY -> Measure.REFERRALS_BY_URGENCY;
            case SENDING_AGENCY_KIND -> Measure.REFERRALS_BY_SENDER;
            case RECEIVING_AGENCY_KIND -> Measure.REFERRALS_BY_RECEIVER;
            case CONCERN -> Measure.REFERRALS_BY_CONCERN;
            case LEGAL_BASIS -> Measure.REFERRALS_BY_LEGAL_BASIS;
        };
        UnaryOperator<String> shownAs = categories.shownAs(groupBy);
        List<String> columns = Categories.withOthersSeen(categories.of(groupBy), counts.categories(measure, shownAs));
        long[][] grid = counts.grid(measure, months, columns, shownAs);
        TableOf table = new TableOf("referrals", "month", groupBy.parameter(), "count", months, columns);
        // A referral of several concerns counts under each: its cells do not add up to the referrals of the month.
        return groupBy == GroupBy.CONCERN ? table.of(suppression.withoutTotals(grid), false)
            : table.of(suppression.withTotals(grid, columns.size()), true);
    }

    private StatisticsTable persons(List<String> months) {
        List<Set<String>> persons = reads.persons(months);
        long[][] grid = persons.stream().map(month -> new long[] { month.size() }).toArray(long[][]::new);
        SuppressedTable cells = suppression.withoutTotals(grid);
        Figure total = suppression.distinctTotal(DistinctPeople.over(persons),
            DistinctPeople.overEveryShorterRun(persons));
        return new TableOf("persons", "month", "measure", "count", months, List.of("PERSONS"))
            .of(new SuppressedTable(cells.cells(), null, null, total), false);
    }

    /** Handovers, withdrawals and revoked consents: different facts, so they are not added up. */
    private StatisticsTable caseEvents(List<String> months, MonthlyCounts counts) {
        long[][] grid = counts.grid(Measure.CASE_EVENTS, months, CASE_EVENTS, UnaryOperator.identity());
        return new TableOf("caseEvents", "month", "caseEvent", "count", months, CASE_EVENTS)
            .of(suppression.withoutTotals(grid), false);
    }

    private StatisticsTable monthly(String id, String columnDimension, List<String> months, MonthlyCounts counts,
            Measure measure, List<String> columns) {
        long[][] grid = counts.grid(measure, months, columns, UnaryOperator.identity());
        return new TableOf(id, "month", columnDimension, "count", months, columns)
            .of(suppression.withTotals(grid, columns.size()), true);
    }

    /**
     * Notifications by urgency and how they were answered, summed over the months of the period, and the share
     * answered in time, which is withheld with either number it is worked out from.
     */
    private List<StatisticsTable> notifications(List<String> months, MonthlyCounts counts) {
        List<String> urgencies = urgencies(counts, Measure.NOTIFIED);
        long[][][] byMonth = new long[months.size()][urgencies.size()][OUTCOMES.size()];
        for (int month = 0; month < months.size(); month++) {
            for (int row = 0; row < urgencies.size(); row++) {
                byMonth[month][row] = outcomes(counts, months.get(month), urgencies.get(row));
            }
        }
        SuppressedTable answered = suppression.sumsOverMonths(byMonth, urgencies.size(), OUTCOMES.size());
        List<List<Cell>> shares = new ArrayList<>();
        for (int row = 0; row < urgencies.size(); row++) {
            shares.add(List.of(share(answered.cells().get(row).get(0), answered.rowTotals().get(row))));
        }
        return List.of(
            new TableOf("notifications", "urgency", "outcome", "count", urgencies, OUTCOMES).of(answered, true),
            new StatisticsTable("acknowledgedInTime", "urgency", "measure", "percent", false, urgencies,
                List.of("PERCENT"), shares, null, null, null));
    }

    /** In time, late and not acknowledged, of the notifications of one month and urgency. */
    private static long[] outcomes(MonthlyCounts counts, String month, String urgency) {
        long inTime = counts.of(Measure.ACKNOWLEDGED_IN_TIME, month, urgency);
        long late = counts.of(Measure.ACKNOWLEDGED_LATE, month, urgency);
        long notified = counts.of(Measure.NOTIFIED, month, urgency);
        return new long[] { inTime, late, Math.max(0, notified - inTime - late) };
    }

    private static Cell share(Figure inTime, Figure notified) {
        if (inTime.suppressed() || notified.suppressed()) {
            return new Cell(null, true);
        }
        if (notified.value() == 0) {
            return Cell.NOTHING;
        }
        return new Cell(BigDecimal.valueOf(inTime.value() * 100).divide(BigDecimal.valueOf(notified.value()), 1,
            RoundingMode.HALF_UP), false);
    }

    /** Median and 90th percentile of each wait, withheld when fewer cases than the threshold are behind it. */
    private StatisticsTable durations(String from, String to) {
        Map<String, Map<String, Waits>> waits = reads.durations(from, to);
        List<String> urgencies = Categories.withOthersSeen(categories.urgencies(), waits.keySet());
        List<List<Cell>> cells = new ArrayList<>();
        for (String urgency : urgencies) {
            Map<String, Waits> row = waits.getOrDefault(urgency, Map.of());
            Waits receipt = row.get("RECEIPT");
            Waits decision = row.get("DECISION");
            cells.add(List.of(seconds(receipt, Waits::medianMillis), seconds(receipt, Waits::p90Millis),
                seconds(decision, Waits::medianMillis), seconds(decision, Waits::p90Millis)));
        }
        return new StatisticsTable("durations", "urgency", "measure", "seconds", false, urgencies, DURATIONS, cells,
            null, null, null);
    }

    private Cell seconds(Waits waits, ToDoubleFunction<Waits> millis) {
        if (waits == null || waits.cases() == 0) {
            return Cell.NOTHING;
        }
        if (suppression.small(waits.cases())) {
            return new Cell(null, true);
        }
        return new Cell(Math.round(millis.applyAsDouble(waits) / 1000), false);
    }

    private List<String> urgencies(MonthlyCounts counts, Measure measure) {
        Set<String> seen = new TreeSet<>(counts.categories(measure, UnaryOperator.identity()));
        return Categories.withOthersSeen(categories.urgencies(), seen);
    }

    /** The labels of a table, to which its suppressed figures are fitted. */
    private record TableOf(String id, String rowDimension, String columnDimension, String unit, List<String> rows,
            List<String> columns) {

        StatisticsTable of(SuppressedTable table, boolean additive) {
            List<List<Cell>> cells = table.cells().stream().map(row -> row.stream().map(Cell::of).toList()).toList();
            Cell total = table.total() == null ? null : Cell.of(table.total());
            return new StatisticsTable(id, rowDimension, columnDimension, unit, additive, rows, columns, cells,
                cells(table.rowTotals()), cells(table.columnTotals()), total);
        }

        private static List<Cell> cells(List<Figure> figures) {
            return figures == null ? null : figures.stream().map(Cell::of).toList();
        }
    }
}
