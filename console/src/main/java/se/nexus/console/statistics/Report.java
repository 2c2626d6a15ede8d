package se.nexus.console.statistics;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

import se.nexus.console.api.StatisticsApi;

/**
 * The page a county board attaches to its report to the committee: the period's main figures beside those of the
 * period of the same length before it, and the change. A figure suppressed in either period has no change.
 */
record Report(Period period, Period previous, List<Line> lines, int threshold) {

    /** One main figure: what it is, its value now and before, and the change in words. */
    record Line(String labelKey, String current, String before, String change, String direction) {
    }

    @Component
    static class Builder {

        private final StatisticsApi api;
        private final MessageSource messages;

        Builder(StatisticsApi api, MessageSource messages) {
            this.api = api;
            this.messages = messages;
        }

        Report build(Period period, Locale locale) {
            Period previous = period.previous();
            JsonNode answer = api.figures(period.from(), period.to(), "sendingAgencyKind");
            Figures now = new Figures(StatisticsTable.allOf(answer));
            Figures before = new Figures(
                StatisticsTable.allOf(api.figures(previous.from(), previous.to(), "sendingAgencyKind")));
            Sections.Unit count = Sections.Unit.COUNT;
            Sections.Unit percent = Sections.Unit.PERCENT;
            Sections.Unit hours = Sections.Unit.HOURS;
            List<Line> lines = new ArrayList<>();
            lines.add(line("report.referrals", Figures::referrals, now, before, count, locale));
            lines.add(line("report.persons", Figures::persons, now, before, count, locale));
            lines.add(line("report.from-police", figures -> figures.referralsFrom("POLICE"), now, before, count, locale));
            lines.add(line("report.handovers", figures -> figures.caseEvents("HANDOVER_ACCEPTED"), now, before, count, locale));
            lines.add(line("report.declines", Figures::declines, now, before, count, locale));
            lines.add(line("report.withdrawals", figures -> figures.caseEvents("WITHDRAWN"), now, before, count, locale));
            lines.add(line("report.consent-revoked", figures -> figures.caseEvents("CONSENT_REVOKED"), now, before, count,
                locale));
            lines.add(line("report.in-time", Figures::acknowledgedInTime, now, before, percent, locale));
            lines.add(line("report.escalations", Figures::escalations, now, before, count, locale));
            for (String urgency : List.of("IMMEDIATE", "URGENT", "ROUTINE")) {
                lines.add(line("report.decision." + urgency, figures -> figures.duration(urgency, "DECISION_MEDIAN"), now,
                    before, hours, locale));
            }
            return new Report(period, previous, lines, answer.path("threshold").asInt());
        }

        private Line line(String labelKey, Function<Figures, Figure> figure, Figures now, Figures before,
                Sections.Unit unit, Locale locale) {
            Figure current = figure.apply(now);
            Figure earlier = figure.apply(before);
            String change = "";
            String direction = "report.change.none";
            if (current.published() && earlier.published()) {
                double difference = unit.scale(current.value()) - unit.scale(earlier.value());
                NumberFormat signed = NumberFormat.getNumberInstance(locale);
                signed.setMaximumFractionDigits(unit.decimals());
                // A change of a share is in percentage points, not per cent.
                String suffix = unit == Sections.Unit.PERCENT
                    ? " " + messages.getMessage("report.points", null, "pp", locale) : unit.suffix();
                change = (difference > 0 ? "+" : difference < 0 ? "−" : "±") + signed.format(Math.abs(difference)) + suffix;
                if (earlier.value() > 0 && unit == Sections.Unit.COUNT) {
                    NumberFormat relative = NumberFormat.getPercentInstance(locale);
                    relative.setMaximumFractionDigits(1);
                    change += " (" + (difference > 0 ? "+" : difference < 0 ? "−" : "") + relative.format(
                        Math.abs(difference) / unit.scale(earlier.value())) + ")";
                }
                direction = difference > 0 ? "report.change.up" : difference < 0 ? "report.change.down" : "report.change.same";
            }
            return new Line(labelKey, text(current, unit, locale), text(earlier, unit, locale), change,
                messages.getMessage(direction, null, direction, locale));
        }

        private static String text(Figure figure, Sections.Unit unit, Locale locale) {
            return figure.suppressed() ? ".." : figure.value() == null ? "–" : unit.format(figure.value(), locale);
        }
    }

    /** The main figures read from one statistics answer, each as published or suppressed. */
    record Figures(List<StatisticsTable> tables) {

        Figure referrals() {
            return total("referrals");
        }

        Figure persons() {
            return total("persons");
        }

        Figure declines() {
            return total("declines");
        }

        Figure escalations() {
            return total("escalations");
        }

        Figure referralsFrom(String kind) {
            StatisticsTable table = StatisticsTable.find(tables, "referrals");
            return table == null ? Figure.NONE : table.columnTotal(kind);
        }

        /** A column of a table without totals, summed over the months: only when every month is published. */
        Figure caseEvents(String column) {
            StatisticsTable table = StatisticsTable.find(tables, "caseEvents");
            if (table == null || !table.columns().contains(column)) {
                return Figure.NONE;
            }
            double sum = 0;
            for (String row : table.rows()) {
                Figure cell = table.cell(row, column);
                if (cell.suppressed()) {
                    return new Figure(null, true);
                }
                sum += cell.drawn();
            }
            return new Figure(sum, false);
        }

        /** The share of all notifications acknowledged within their deadline, from the published totals. */
        Figure acknowledgedInTime() {
            StatisticsTable table = StatisticsTable.find(tables, "notifications");
            if (table == null || table.total() == null) {
                return Figure.NONE;
            }
            Figure inTime = table.columnTotal("IN_TIME");
            Figure all = table.total();
            if (inTime.suppressed() || all.suppressed()) {
                return new Figure(null, true);
            }
            return inTime.published() && all.published() && all.value() > 0
                ? new Figure(100 * inTime.value() / all.value(), false) : Figure.NONE;
        }

        Figure duration(String urgency, String column) {
            StatisticsTable table = StatisticsTable.find(tables, "durations");
            return table == null ? Figure.NONE : table.cell(urgency, column);
        }

        private Figure total(String id) {
            StatisticsTable table = StatisticsTable.find(tables, id);
            return table == null || table.total() == null ? Figure.NONE : table.total();
        }
    }
}
