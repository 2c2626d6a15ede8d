package se.nexus.console.statistics;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import tools.jackson.databind.JsonNode;

import se.nexus.console.api.StatisticsApi;

/**
 * The county board's follow-up of the work, and the auditors': figures per month without personal data, as charts
 * with their tables, a CSV download, and a one-page report for the committee. The period and grouping are not
 * personal data and may sit in the URL, so a page can be bookmarked and shared.
 */
@Controller
class StatisticsPages {

    /** How referrals can be grouped, as the service names it; the first is the default. */
    static final List<String> GROUPINGS = List.of("urgency", "sendingAgencyKind", "receivingAgencyKind", "concern",
        "legalBasis");

    private final StatisticsApi api;
    private final Sections sections;
    private final Report.Builder reports;
    private final ReportPdf pdf;
    private final Clock clock;

    StatisticsPages(StatisticsApi api, Sections sections, Report.Builder reports, ReportPdf pdf) {
        this.api = api;
        this.sections = sections;
        this.reports = reports;
        this.pdf = pdf;
        this.clock = Clock.systemUTC();
    }

    @GetMapping("/statistics")
    String figures(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String groupBy, Model model, Locale locale) {
        Period period = Period.of(from, to, clock);
        String grouping = grouping(groupBy);
        model.addAttribute("period", period);
        model.addAttribute("groupBy", grouping);
        model.addAttribute("groupings", GROUPINGS);
        if (period.valid()) {
            JsonNode answer = api.figures(period.from(), period.to(), grouping);
            model.addAttribute("threshold", answer.path("threshold").asInt());
            model.addAttribute("sections", sections.of(StatisticsTable.allOf(answer), grouping, locale));
        }
        return "statistics/figures";
    }

    @GetMapping("/statistics/figures.csv")
    ResponseEntity<byte[]> csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String groupBy) {
        Period period = Period.of(from, to, clock);
        if (!period.valid()) {
            return invalid();
        }
        String grouping = grouping(groupBy);
        return attachment(new MediaType("text", "csv", StandardCharsets.UTF_8),
            "nexus-statistics-" + period.from() + "-" + period.to() + "-" + grouping + ".csv",
            api.csv(period.from(), period.to(), grouping));
    }

    @GetMapping("/statistics/report")
    String report(@RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model,
            Locale locale) {
        Period period = Period.of(from, to, clock);
        model.addAttribute("period", period);
        if (period.valid()) {
            model.addAttribute("report", reports.build(period, locale));
        }
        return "statistics/report";
    }

    @GetMapping("/statistics/report.pdf")
    ResponseEntity<byte[]> reportPdf(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to, Locale locale) {
        Period period = Period.of(from, to, clock);
        if (!period.valid()) {
            return invalid();
        }
        return attachment(MediaType.APPLICATION_PDF, "nexus-report-" + period.from() + "-" + period.to() + ".pdf",
            pdf.render(reports.build(period, locale), locale));
    }

    /** A download asked for with months that are not (the pages show the same as field errors). */
    private static ResponseEntity<byte[]> invalid() {
        return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN)
            .body("from and to are months, YYYY-MM, at most 36 of them\n".getBytes(StandardCharsets.UTF_8));
    }

    private static ResponseEntity<byte[]> attachment(MediaType type, String filename, byte[] body) {
        return ResponseEntity.ok()
            .contentType(type)
            .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
            .body(body);
    }

    private static String grouping(String groupBy) {
        return groupBy != null && GROUPINGS.contains(groupBy) ? groupBy : GROUPINGS.get(0);
    }
}
