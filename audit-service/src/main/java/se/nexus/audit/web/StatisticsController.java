package se.nexus.audit.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.YearMonth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import se.nexus.audit.statistics.Statistics;
import se.nexus.audit.statistics.StatisticsQuery;
import se.nexus.audit.statistics.StatisticsReport;
import se.nexus.support.security.Caller;
import se.nexus.support.web.InvalidInput;

/** Statistics without personal data, for the county board's follow-up and auditors; every request is logged first. */
@Tag(name = "Statistics", description = "Counts by month without personal data: small numbers are withheld")
@RestController
@RequestMapping("/api/v1/statistics")
class StatisticsController {

    private final StatisticsReport report;
    private final QueryLog queryLog;
    private final Clock clock;

    StatisticsController(StatisticsReport report, QueryLog queryLog, Clock clock) {
        this.report = report;
        this.queryLog = queryLog;
        this.clock = clock;
    }

    @Operation(operationId = "statistics", summary = "Referrals, people, declines, handovers, notifications and waits "
        + "by month, counts from 1 to threshold−1 and whatever would give them away withheld; logged first")
    @ApiResponse(responseCode = "200", description = "The eight tables of the period, as JSON, or as CSV "
        + "(table,row,column,value; withheld values as ..) for Accept: text/csv or format=csv",
        headers = @Header(name = HttpHeaders.CONTENT_DISPOSITION, description = "For CSV only: attachment; "
            + "filename=\"nexus-statistics-<from>-<to>.csv\"", schema = @Schema(type = "string")),
        content = {
            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = Statistics.class)),
            @Content(mediaType = StatisticsCsv.MEDIA_TYPE, schema = @Schema(type = "string")) })
    @GetMapping
    ResponseEntity<Object> statistics(Caller caller,
            @Parameter(description = "The first month, YYYY-MM; default eleven months before to", example = "2026-01")
            @RequestParam(required = false) String from,
            @Parameter(description = "The last month, YYYY-MM, included, at most 36 months after from counting both; "
                + "default the current month", example = "2026-12")
            @RequestParam(required = false) String to,
            @Parameter(description = "What the referrals are counted by", schema = @Schema(defaultValue = "urgency",
                allowableValues = { "urgency", "sendingAgencyKind", "receivingAgencyKind", "concern", "legalBasis" }))
            @RequestParam(required = false) String groupBy,
            @Parameter(description = "csv for CSV whatever Accept says; json for JSON",
                schema = @Schema(allowableValues = { "json", "csv" }))
            @RequestParam(required = false) String format,
            @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        boolean csv = csv(format, accept);
        YearMonth current = YearMonth.now(clock.withZone(StatisticsQuery.ZONE));
        StatisticsQuery query = StatisticsQuery.of(from, to, groupBy, current);
        queryLog.statisticsRead(caller, query, csv ? "csv" : "json");
        Statistics statistics = report.answer(query);
        if (!csv) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(statistics);
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
            .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(StatisticsCsv.filename(statistics)).build().toString())
            .body(StatisticsCsv.of(statistics));
    }

    private static boolean csv(String format, String accept) {
        if (format != null) {
            if (!format.equals("csv") && !format.equals("json")) {
                throw new InvalidInput("format", "must be csv or json");
            }
            return format.equals("csv");
        }
        try {
            return accept != null && MediaType.parseMediaTypes(accept).stream()
                .anyMatch(type -> type.getType().equals("text") && type.getSubtype().equals("csv"));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
