package se.nexus.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Backoff doubles up to its cap, a secret never shows when printed, and the signature is the documented HMAC. */
class WebhookPropertiesTests {

    final WebhookProperties properties = new WebhookProperties(
        List.of(new WebhookProperties.Endpoint("se.uppsala.nexus", URI.create("https://example.org/hook"), "s3cret")),
        Duration.ofMillis(500), 8, Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofSeconds(2),
        Duration.ofSeconds(5), 8, 2, Duration.ofMinutes(1));

    @Test
    void theBackoffDoublesAfterEachFailureUpToTheCap() {
        assertThat(properties.backoffAfter(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.backoffAfter(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.backoffAfter(4)).isEqualTo(Duration.ofSeconds(40));
        assertThat(properties.backoffAfter(5)).isEqualTo(Duration.ofMinutes(1));
        assertThat(properties.backoffAfter(500)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void anEndpointPrintsWithoutItsSecret() {
        assertThat(properties.toString()).doesNotContain("s3cret");
        assertThat(properties.endpointOf("se.uppsala.nexus")).isPresent();
        assertThat(properties.endpointOf("se.polisen.region-mitt")).isEmpty();
    }

    @Test
    void theSignatureIsTheHexHmacOfTimestampDotBody() {
        // Computed independently: python3 -c 'import hmac,hashlib; print(hmac.new(b"test-secret",
        // b"1700000000.{\"notificationId\":\"n-1\"}", hashlib.sha256).hexdigest())'
        assertThat(WebhookSignature.sign("test-secret", 1700000000L, "{\"notificationId\":\"n-1\"}"))
            .isEqualTo("sha256=a701718afa7b69bf083ca4ac2cb2c5d5a4d032ee7d2d3409dfd71505e04ff5a8");
    }
}
