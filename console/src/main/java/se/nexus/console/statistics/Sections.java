package se.nexus.console.statistics;

import java.text.NumberFormat;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.DoubleFunction;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Turns the service's tables into what the pages show: headings in the reader's language, figures formatted as
 * people in the county read them, suppressed figures as "..", and a chart of each table.
 */
@Component
class Sections {

    /** Tables whose cells add up per row: drawn as stacked bars. */
    private static final Set<String> STACKED = Set.of("referrals", "declines", "escalations", "notifications");

    private final MessageSource messages;

    Sections(MessageSource messages) {
        this.messages = messages;
    }

    List<Section> of(List<StatisticsTable> tables, String groupBy, Locale locale) {
        return tables.stream().map(table -> section(table, groupBy, locale)).toList();
    }

    Section section(StatisticsTable table, String groupBy, Locale locale) {
        List<String> rowLabels = table.rows().stream().map(row -> rowLabel(row, locale)).toList();
        List<String> columnLabels = table.columns().stream()
            .map(column -> columnLabel(table.id(), groupBy, column, locale)).toList();
        Unit unit = Unit.of(table);
        DoubleFunction<String> text = value -> unit.format(value, locale);
        Chart chart = Chart.of(table, rowLabels, columnLabels, STACKED.contains(table.id()), "count".equals(table.unit()),
            unit::scale, value -> unit.formatScaled(value, locale));
        List<Section.Row> rows = new ArrayList<>();
        for (int r = 0; r < table.rows().size(); r++) {
            List<Section.Cell> cells = new ArrayList<>();
            for (int c = 0; c < table.columns().size(); c++) {
                cells.add(cell(table.cell(r, c), text));
            }
            rows.add(new Section.Row(rowLabels.get(r), cells, table.rowTotals() == null ? null : cell(table.rowTotal(r), text)));
        }
        Section.Row totals = null;
        if (table.columnTotals() != null || table.total() != null) {
            List<Section.Cell> cells = new ArrayList<>();
            for (String column : table.columns()) {
                cells.add(table.columnTotals() == null ? new Section.Cell("", false) : cell(table.columnTotal(column), text));
            }
            totals = new Section.Row(message("stats.total", locale), cells,
                table.total() == null ? null : cell(table.total(), text));
        }
        return new Section(table.id(), chart, unit.key(), columnLabels, rows, totals, table.rowTotals() != null,
            table.anySuppressed());
    }

    private static Section.Cell cell(Figure figure, DoubleFunction<String> text) {
        if (figure.suppressed()) {
            return new Section.Cell("..", true);
        }
        return new Section.Cell(figure.value() == null ? "" : text.apply(figure.value()), false);
    }

    String rowLabel(String row, Locale locale) {
        if (row.matches("\\d{4}-\\d{2}")) {
            return DateTimeFormatter.ofPattern("LLL yyyy", locale).format(YearMonth.parse(row));
        }
        return messages.getMessage("urgency." + row, null, row, locale);
    }

    String columnLabel(String table, String groupBy, String column, Locale locale) {
        String key = switch (table) {
            case "referrals" -> switch (groupBy) {
                case "sendingAgencyKind", "receivingAgencyKind" -> "kind." + column;
                case "concern" -> "concern." + column;
                case "legalBasis" -> "CONSENT".equals(column) ? "basis.CONSENT" : "provision." + column;
                default -> "urgency." + column;
            };
            case "declines" -> "decline." + column;
            case "escalations" -> "urgency." + column;
            default -> "stats.column." + column;
        };
        return messages.getMessage(key, null, column, locale);
    }

    private String message(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    /** How a table's values read and are drawn: counts, percentages, or durations in a unit that suits them. */
    record Unit(String key, double divisor, int decimals, String suffix) {

        static final Unit COUNT = new Unit("stats.unit.count", 1, 0, "");
        static final Unit PERCENT = new Unit("stats.unit.percent", 1, 0, " %");
        static final Unit HOURS = new Unit("stats.unit.hours", 3600, 1, " h");

        static Unit of(StatisticsTable table) {
            return switch (table.unit()) {
                case "percent" -> PERCENT;
                case "seconds" -> {
                    double max = table.cells().stream().flatMap(List::stream).filter(Figure::published)
                        .mapToDouble(Figure::value).max().orElse(0);
                    yield max < 2 * 3600 ? new Unit("stats.unit.minutes", 60, 0, " min")
                        : max < 2 * 86400 ? HOURS
                        : new Unit("stats.unit.days", 86400, 1, " d");
                }
                default -> COUNT;
            };
        }

        double scale(double value) {
            return value / divisor;
        }

        String format(double value, Locale locale) {
            return formatScaled(scale(value), locale);
        }

        String formatScaled(double value, Locale locale) {
            NumberFormat number = NumberFormat.getNumberInstance(locale);
            number.setMaximumFractionDigits(decimals);
            number.setMinimumFractionDigits(0);
            return number.format(value) + suffix;
        }
    }
}
