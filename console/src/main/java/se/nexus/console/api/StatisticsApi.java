package se.nexus.console.api;

import java.time.YearMonth;

import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;

/**
 * The statistics of the audit service, called as the signed-in follow-up person or auditor: counts without personal
 * data, with small numbers already suppressed by the service (nothing the console could un-suppress is sent to it).
 */
public class StatisticsApi {

    private final RestClient http;

    StatisticsApi(RestClient http) {
        this.http = http;
    }

    /** The figures of the months from {@code from} to {@code to}, both included, with referrals grouped as asked. */
    public JsonNode figures(YearMonth from, YearMonth to, String groupBy) {
        return Calls.call(() -> request(from, to, groupBy, MediaType.APPLICATION_JSON).body(JsonNode.class));
    }

    /** The same figures as the service's CSV (a few kilobytes: a table of months by categories). */
    public byte[] csv(YearMonth from, YearMonth to, String groupBy) {
        return Calls.call(() -> request(from, to, groupBy, MediaType.parseMediaType("text/csv")).body(byte[].class));
    }

    private RestClient.ResponseSpec request(YearMonth from, YearMonth to, String groupBy, MediaType type) {
        return http.get()
            .uri(uri -> uri.path("/api/v1/statistics").queryParam("from", from).queryParam("to", to)
                .queryParam("groupBy", groupBy).build())
            .accept(type)
            .retrieve();
    }
}
