package se.nexus.console.statistics;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The months a person asked for, as typed, and what is wrong with them; the last twelve months when nothing was
 * typed. The service holds the same rules (and says so as a problem detail); the console checks first so a wrong
 * month is a field error on the form, not a failed call.
 */
record Period(String fromText, String toText, YearMonth from, YearMonth to, Map<String, String> errors) {

    /** The longest period the service publishes at once. */
    static final int MAX_MONTHS = 36;

    static final ZoneId COUNTY = ZoneId.of("Europe/Stockholm");

    static Period of(String fromText, String toText, Clock clock) {
        YearMonth now = YearMonth.now(clock.withZone(COUNTY));
        Map<String, String> errors = new LinkedHashMap<>();
        YearMonth to = parse("to", toText, now, errors);
        YearMonth from = parse("from", fromText, to == null ? now.minusMonths(11) : to.minusMonths(11), errors);
        if (from != null && to != null) {
            if (to.isBefore(from)) {
                errors.put("to", "stats.invalid.to-before-from");
            } else if (ChronoUnit.MONTHS.between(from, to) + 1 > MAX_MONTHS) {
                errors.put("from", "stats.invalid.too-long");
            }
        }
        return new Period(blank(fromText) ? (from == null ? "" : from.toString()) : fromText.trim(),
            blank(toText) ? (to == null ? "" : to.toString()) : toText.trim(), from, to, errors);
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    long months() {
        return ChronoUnit.MONTHS.between(from, to) + 1;
    }

    /** The period of the same length just before this one, to compare with. */
    Period previous() {
        YearMonth previousTo = from.minusMonths(1);
        YearMonth previousFrom = previousTo.minusMonths(months() - 1);
        return new Period(previousFrom.toString(), previousTo.toString(), previousFrom, previousTo, Map.of());
    }

    private static YearMonth parse(String field, String text, YearMonth fallback, Map<String, String> errors) {
        if (blank(text)) {
            return fallback;
        }
        try {
            YearMonth month = YearMonth.parse(text.trim());
            if (month.getYear() < 2000 || month.getYear() > 2100) {
                errors.put(field, "stats.invalid.month");
                return null;
            }
            return month;
        }
        catch (DateTimeParseException unreadable) {
            errors.put(field, "stats.invalid.month");
            return null;
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
