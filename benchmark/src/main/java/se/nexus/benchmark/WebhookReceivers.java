package se.nexus.benchmark;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * Agencies' webhook receivers that fail while the load runs: one hangs past the notification service's request
 * timeout (5 s), one answers 500, one works throughout. Measures that failed deliveries are retried with backoff,
 * that the working agency's deliveries are not held up meanwhile, and how long after the receivers recover every
 * delivery is through. For the run the notification service backs off from 2 s to at most 8 s (configured 5 s and
 * 10 min), so that recovery is measured in seconds rather than in the production backoff's minutes.
 */
final class WebhookReceivers implements Fault {

    static final String HANGS = "se.polisen.region-mitt";
    static final String FAILS = "se.aklagarmyndigheten";
    static final String WORKS = "se.region-uppsala.vard";

    /** Longer than the notification service's webhook request timeout, so each attempt times out. */
    private static final int HANG_MILLIS = 8000;

    private final Platform platform;
    private final Duration outageLength;
    private WireMockServer receivers;
    private Outage outage;

    WebhookReceivers(Platform platform, Duration outageLength) {
        this.platform = platform;
        this.outageLength = outageLength;
    }

    @Override
    public String name() {
        return "webhooks";
    }

    @Override
    public String dependency() {
        return "two agencies' webhook receivers";
    }

    /** Starts healthy receivers and restarts the notification service to deliver to them. */
    @Override
    public void prepare() {
        receivers = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(24));
        receivers.start();
        answerAll();
        Map<String, String> environment = new LinkedHashMap<>();
        List<String> agencies = List.of(HANGS, FAILS, WORKS);
        for (int i = 0; i < agencies.size(); i++) {
            String prefix = "NEXUS_NOTIFICATION_WEBHOOKS_ENDPOINTS_" + i + "_";
            environment.put(prefix + "AGENCY", agencies.get(i));
            environment.put(prefix + "URL", receivers.baseUrl() + path(agencies.get(i)));
            environment.put(prefix + "SECRET", UUID.randomUUID().toString());
        }
        environment.put("NEXUS_NOTIFICATION_WEBHOOKS_INITIAL_BACKOFF", "2s");
        environment.put("NEXUS_NOTIFICATION_WEBHOOKS_MAX_BACKOFF", "8s");
        platform.local().restart(Platform.NOTIFICATION, environment);
    }

    @Override
    public Outage inject() {
        Instant from = Instant.now();
        receivers.stubFor(post(urlEqualTo(path(HANGS))).willReturn(ok().withFixedDelay(HANG_MILLIS)));
        receivers.stubFor(post(urlEqualTo(path(FAILS))).willReturn(aResponse().withStatus(500)));
        Threads.sleepUntil(System.nanoTime() + outageLength.toNanos());
        answerAll();
        outage = new Outage(from, Instant.now());
        return outage;
    }

    /** Every webhook delivery of the run is through: none pending (a given-up one shows in the findings). */
    @Override
    public boolean recovered(Instant since) throws SQLException {
        return count("SELECT count(*) FROM deliveries WHERE channel = 'WEBHOOK' AND state = 'PENDING' "
            + "AND created_at >= ?", since) == 0;
    }

    @Override
    public List<String> findings(Instant since) throws SQLException {
        List<String> lines = new ArrayList<>();
        for (String agency : List.of(HANGS, FAILS, WORKS)) {
            lines.add(agency + " (" + role(agency) + "): " + deliveries(agency, since) + "; receiver saw "
                + receivers.countRequestsMatching(postRequestedFor(urlEqualTo(path(agency))).build()).getCount()
                + " POSTs");
        }
        lines.add(String.format(Locale.ROOT, "%s's deliveries of notifications created during the outage took at most "
            + "%.1f s each (not held up by the failing receivers)", WORKS, slowestWorking()));
        lines.add("Backoff for this run: 2 s doubling to at most 8 s, 8 attempts (configured: 5 s to 10 min)");
        return lines;
    }

    private String deliveries(String agency, Instant since) throws SQLException {
        StringBuilder text = new StringBuilder();
        try (Connection connection = Platform.connect(platform.database("notification"));
                PreparedStatement query = connection.prepareStatement("SELECT state, count(*), max(attempts) "
                    + "FROM deliveries WHERE channel = 'WEBHOOK' AND agency = ? AND created_at >= ? GROUP BY state "
                    + "ORDER BY state")) {
            query.setString(1, agency);
            query.setObject(2, since.atOffset(ZoneOffset.UTC));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    text.append(text.isEmpty() ? "" : ", ").append(rows.getLong(2)).append(' ')
                        .append(rows.getString(1)).append(" (at most ").append(rows.getInt(3)).append(" attempts)");
                }
            }
        }
        return text.isEmpty() ? "no deliveries" : text.toString();
    }

    private double slowestWorking() throws SQLException {
        try (Connection connection = Platform.connect(platform.database("notification"));
                PreparedStatement query = connection.prepareStatement("SELECT coalesce(max(extract(epoch FROM "
                    + "coalesce(delivered_at, now()) - created_at)), 0) FROM deliveries WHERE channel = 'WEBHOOK' "
                    + "AND agency = ? AND created_at >= ? AND created_at < ?")) {
            query.setString(1, WORKS);
            query.setObject(2, outage.from().atOffset(ZoneOffset.UTC));
            query.setObject(3, outage.until().atOffset(ZoneOffset.UTC));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getDouble(1);
            }
        }
    }

    private long count(String sql, Instant since) throws SQLException {
        try (Connection connection = Platform.connect(platform.database("notification"));
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, since.atOffset(ZoneOffset.UTC));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private void answerAll() {
        List.of(HANGS, FAILS, WORKS).forEach(agency -> receivers.stubFor(post(urlEqualTo(path(agency))).willReturn(ok())));
    }

    private static String role(String agency) {
        return switch (agency) {
            case HANGS -> "hung " + HANG_MILLIS / 1000 + " s per request during the outage";
            case FAILS -> "answered 500 during the outage";
            default -> "worked throughout";
        };
    }

    private static String path(String agency) {
        return "/webhooks/" + agency;
    }

    @Override
    public void close() {
        if (receivers != null) {
            receivers.stop();
        }
    }
}
