package se.nexus.console.statistics;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import se.nexus.console.api.StatisticsApi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** How the statistics read on the page: suppressed figures stay hidden everywhere, in tables, charts and the report. */
class StatisticsViewTests {

    static final Locale SWEDISH = Locale.forLanguageTag("sv");

    final ResourceBundleMessageSource messages = messages();

    final Sections sections = new Sections(messages);

    @Test
    void aSuppressedFigureReadsAsTwoDotsAndIsNotDrawn() {
        StatisticsTable table = StatisticsTable.of(json("""
            {"id": "referrals", "rowDimension": "month", "columnDimension": "urgency", "unit": "count", "additive": true,
             "rows": ["2026-01", "2026-02"], "columns": ["IMMEDIATE", "URGENT", "ROUTINE"],
             "cells": [[{"value": 12, "suppressed": false}, {"value": null, "suppressed": true}, {"value": null, "suppressed": true}],
                       [{"value": 7, "suppressed": false}, {"value": 0, "suppressed": false}, {"value": 1250, "suppressed": false}]],
             "rowTotals": [{"value": 20, "suppressed": false}, {"value": 1257, "suppressed": false}],
             "columnTotals": [{"value": 19, "suppressed": false}, {"value": null, "suppressed": true}, {"value": null, "suppressed": true}],
             "total": {"value": 1277, "suppressed": false}}
            """));

        Section section = sections.section(table, "urgency", SWEDISH);

        assertThat(section.columns()).containsExactly("Akut", "Brådskande", "Normal");
        assertThat(section.rows().get(0).cells()).extracting(Section.Cell::text).containsExactly("12", "..", "..");
        assertThat(section.rows().get(0).cells().get(1).suppressed()).isTrue();
        assertThat(section.rows().get(1).cells()).extracting(Section.Cell::text).containsExactly("7", "0", "1\u00a0250");
        assertThat(section.rows().get(1).total().text()).isEqualTo("1\u00a0257");
        assertThat(section.totals().cells()).extracting(Section.Cell::text).containsExactly("19", "..", "..");
        assertThat(section.totals().total().text()).isEqualTo("1\u00a0277");
        assertThat(section.suppressed()).isTrue();
        assertThat(section.rows().get(0).heading()).containsIgnoringCase("jan").contains("2026");
        // January: one drawn segment (12) and a ".." for what is hidden; February: two segments (0 is not drawn).
        Chart chart = section.chart();
        assertThat(chart.bars()).hasSize(3);
        assertThat(chart.bars()).extracting(Chart.Bar::title).noneMatch(title -> title.contains("Brådskande"));
        assertThat(chart.marks()).extracting(Chart.Mark::text).containsExactly("..");
        assertThat(chart.ticks()).extracting(Chart.Tick::text).first().isEqualTo("0");
        assertThat(chart.bars()).allSatisfy(bar -> assertThat(bar.y() + bar.height()).isLessThanOrEqualTo(chart.baseline() + 0.001));
    }

    @Test
    void durationsReadInAUnitThatSuitsThem() {
        StatisticsTable table = StatisticsTable.of(json("""
            {"id": "durations", "rowDimension": "urgency", "columnDimension": "measure", "unit": "seconds", "additive": false,
             "rows": ["IMMEDIATE"], "columns": ["RECEIPT_MEDIAN", "DECISION_MEDIAN"],
             "cells": [[{"value": 540, "suppressed": false}, {"value": 5400, "suppressed": false}]],
             "rowTotals": null, "columnTotals": null, "total": null}
            """));

        Section section = sections.section(table, "urgency", Locale.ENGLISH);

        assertThat(section.unitKey()).isEqualTo("stats.unit.minutes");
        assertThat(section.rows().get(0).cells()).extracting(Section.Cell::text).containsExactly("9 min", "90 min");
        assertThat(section.rows().get(0).total()).isNull();
        assertThat(section.totals()).isNull();
        assertThat(section.columns()).containsExactly("To receipt, median", "To decision, median");
    }

    @Test
    void theReportGivesAChangeOnlyWhereBothPeriodsArePublished() {
        StatisticsApi api = mock(StatisticsApi.class);
        when(api.figures(eq(YearMonth.of(2026, 7)), eq(YearMonth.of(2026, 12)), any())).thenReturn(answer(12, 5, false));
        when(api.figures(eq(YearMonth.of(2026, 1)), eq(YearMonth.of(2026, 6)), any())).thenReturn(answer(10, 3, true));
        Period period = Period.of("2026-07", "2026-12", Clock.systemUTC());

        Report report = new Report.Builder(api, messages).build(period, Locale.ENGLISH);

        assertThat(report.previous().from()).isEqualTo(YearMonth.of(2026, 1));
        assertThat(report.threshold()).isEqualTo(5);
        Report.Line referrals = line(report, "report.referrals");
        assertThat(referrals.current()).isEqualTo("12");
        assertThat(referrals.before()).isEqualTo("10");
        assertThat(referrals.change()).isEqualTo("+2 (+20%)");
        assertThat(referrals.direction()).isEqualTo("Increase");
        Report.Line fromPolice = line(report, "report.from-police");
        assertThat(fromPolice.current()).isEqualTo("5");
        assertThat(fromPolice.before()).isEqualTo("..");
        assertThat(fromPolice.change()).isEmpty();
        assertThat(fromPolice.direction()).isEqualTo("–");
    }

    @Test
    void theReportIsAlsoAPdfWithTheSameFigures() throws Exception {
        StatisticsApi api = mock(StatisticsApi.class);
        when(api.figures(eq(YearMonth.of(2026, 7)), eq(YearMonth.of(2026, 12)), any())).thenReturn(answer(1234, 5, false));
        when(api.figures(eq(YearMonth.of(2026, 1)), eq(YearMonth.of(2026, 6)), any())).thenReturn(answer(1240, 3, true));
        Report report = new Report.Builder(api, messages).build(Period.of("2026-07", "2026-12", Clock.systemUTC()), SWEDISH);
        SpringTemplateEngine templates = new SpringTemplateEngine();
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setCharacterEncoding("UTF-8");
        templates.setTemplateResolver(resolver);
        templates.setTemplateEngineMessageSource(messages);

        byte[] pdf = new ReportPdf(templates).render(report, SWEDISH);

        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Arbetet mot hedersrelaterat våld och förtryck, 2026-07 – 2026-12")
                .contains("Remisser från polisen").contains("1\u00a0234").contains("1\u00a0240").contains("-6 (-0,5\u00a0%)")
                .contains("Minskning").contains("..");
        }
    }

    @Test
    void aPeriodIsTwelveMonthsUnlessAskedAndWrongMonthsAreFieldErrors() {
        Clock december = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);

        Period defaults = Period.of(null, "", december);
        assertThat(defaults.valid()).isTrue();
        assertThat(defaults.from()).isEqualTo(YearMonth.of(2026, 1));
        assertThat(defaults.to()).isEqualTo(YearMonth.of(2026, 12));
        assertThat(defaults.previous().from()).isEqualTo(YearMonth.of(2025, 1));
        assertThat(defaults.previous().to()).isEqualTo(YearMonth.of(2025, 12));

        assertThat(Period.of("2026-13", "2026-12", december).errors()).containsOnlyKeys("from");
        assertThat(Period.of("2026-05", "2026-04", december).errors()).containsEntry("to", "stats.invalid.to-before-from");
        assertThat(Period.of("2023-01", "2026-01", december).errors()).containsEntry("from", "stats.invalid.too-long");
        Period typed = Period.of(" 2026-02 ", "not a month", december);
        assertThat(typed.toText()).isEqualTo("not a month");
        assertThat(typed.errors()).containsOnlyKeys("to");
    }

    private static Report.Line line(Report report, String key) {
        return report.lines().stream().filter(line -> line.labelKey().equals(key)).findFirst().orElseThrow();
    }

    /** A statistics answer whose referral total and police column are given, the police column maybe suppressed. */
    private static JsonNode answer(int referrals, int fromPolice, boolean policeSuppressed) {
        String police = policeSuppressed ? "{\"value\": null, \"suppressed\": true}"
            : "{\"value\": " + fromPolice + ", \"suppressed\": false}";
        String rest = policeSuppressed ? "{\"value\": null, \"suppressed\": true}"
            : "{\"value\": " + (referrals - fromPolice) + ", \"suppressed\": false}";
        return json("""
            {"threshold": 5, "tables": [
              {"id": "referrals", "rowDimension": "month", "columnDimension": "sendingAgencyKind", "unit": "count",
               "additive": true, "rows": ["m"], "columns": ["POLICE", "SOCIAL_SERVICES"],
               "cells": [[%1$s, %2$s]], "rowTotals": [{"value": %3$d, "suppressed": false}],
               "columnTotals": [%1$s, %2$s], "total": {"value": %3$d, "suppressed": false}}]}
            """.formatted(police, rest, referrals));
    }

    private static JsonNode json(String text) {
        return JsonMapper.builder().build().readTree(text);
    }

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("i18n/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

}
