package se.nexus.audit.statistics;

import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

import se.nexus.support.web.InvalidInput;

/**
 * The months asked for, both included, and what referrals are counted by.
 *
 * @param from the first month
 * @param to the last month
 * @param groupBy the columns of the referrals table
 */
public record StatisticsQuery(YearMonth from, YearMonth to, GroupBy groupBy) {

    /** The months of the statistics are those of the county's calendar. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");
    /** The longest period one answer covers. */
    public static final int MAX_MONTHS = 36;
    /** The period when none is asked for: a year up to and including this month. */
    public static final int DEFAULT_MONTHS = 12;

    /**
     * The query for these parameters as they came (any may be null): {@code to} defaults to the current month,
     * {@code from} to eleven months before {@code to}, {@code groupBy} to {@code urgency}.
     */
    public static StatisticsQuery of(String from, String to, String groupBy, YearMonth current) {
        YearMonth last = to == null ? current : month("to", to);
        YearMonth first = from == null ? last.minusMonths(DEFAULT_MONTHS - 1) : month("from", from);
        if (last.isBefore(first)) {
            throw new InvalidInput("to", "must not be before from");
        }
        if (first.until(last, ChronoUnit.MONTHS) + 1 > MAX_MONTHS) {
            throw new InvalidInput("to", "must be at most " + MAX_MONTHS + " months from from, both included");
        }
        GroupBy grouping = groupBy == null ? GroupBy.URGENCY : GroupBy.of(groupBy).orElseThrow(() -> new InvalidInput(
            "groupBy", "must be one of " + Stream.of(GroupBy.values()).map(GroupBy::parameter).toList()));
        return new StatisticsQuery(first, last, grouping);
    }

    /** Each month of the period, in order, as {@code YYYY-MM}. */
    List<String> months() {
        return Stream.iterate(from, month -> !month.isAfter(to), month -> month.plusMonths(1))
            .map(YearMonth::toString).toList();
    }

    private static YearMonth month(String field, String value) {
        if (!value.matches("\\d{4}-\\d{2}")) {
            throw new InvalidInput(field, "must be a month as YYYY-MM");
        }
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "must be a month as YYYY-MM");
        }
    }
}
