package se.nexus.notification.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook delivery to agencies' own systems ({@code nexus.notification.webhooks}).
 *
 * @param endpoints the agencies that want their notifications POSTed, with URL and signing secret
 * @param pollInterval pause between two claims of due deliveries
 * @param maxAttempts attempts before a delivery is given up as FAILED
 * @param initialBackoff wait after the first failed attempt; doubled after each further one
 * @param maxBackoff longest wait between two attempts
 * @param connectTimeout how long connecting to an endpoint may take
 * @param requestTimeout how long an endpoint may take to answer
 * @param threads deliveries in flight per instance, across all agencies
 * @param perAgencyInFlight deliveries in flight per instance to one agency, so a dead endpoint holds no more
 * @param lease how long a claimed delivery stays reserved for the instance that claimed it
 */
@ConfigurationProperties("nexus.notification.webhooks")
public record WebhookProperties(@DefaultValue List<Endpoint> endpoints, @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("8") int maxAttempts, @DefaultValue("5s") Duration initialBackoff,
        @DefaultValue("10m") Duration maxBackoff, @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration requestTimeout, @DefaultValue("8") int threads,
        @DefaultValue("2") int perAgencyInFlight, @DefaultValue("1m") Duration lease) {

    public WebhookProperties {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    }

    /** The wait after {@code failedAttempts} failures: the initial backoff, doubled each time, at most the cap. */
    Duration backoffAfter(int failedAttempts) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 30);
        Duration backoff = initialBackoff.multipliedBy(1L << doublings);
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }

    Optional<Endpoint> endpointOf(String agency) {
        return Optional.ofNullable(byAgency().get(agency));
    }

    private Map<String, Endpoint> byAgency() {
        return endpoints.stream().collect(Collectors.toMap(Endpoint::agency, Function.identity()));
    }

    /** Where one agency's system takes its notifications, and the secret it verifies them with. */
    public record Endpoint(String agency, URI url, String secret) {

        /** Never shows the secret, wherever an endpoint is printed. */
        @Override
        public String toString() {
            return "Endpoint[agency=" + agency + ", url=" + url + "]";
        }
    }
}
