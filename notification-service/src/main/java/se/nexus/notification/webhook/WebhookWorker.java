package se.nexus.notification.webhook;

import se.nexus.notification.delivery.Deliveries;
import se.nexus.notification.delivery.Delivery;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import se.nexus.notification.notification.Notification;
import se.nexus.notification.notification.NotificationInbox;
import se.nexus.notification.webhook.WebhookProperties.Endpoint;

/**
 * Sends due webhook deliveries on a bounded pool with short timeouts. Each agency has at most
 * {@code perAgencyInFlight} deliveries in flight and is not claimed for again until they finish, so an agency
 * whose endpoint hangs or refuses holds a few threads at most and never delays another agency's deliveries.
 */
@Component
class WebhookWorker implements SchedulingConfigurer, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WebhookWorker.class);

    private final MeterRegistry meters;
    private final Deliveries deliveries;
    private final WebhookProperties properties;
    private final NotificationInbox inbox;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient http;
    private final ThreadPoolExecutor pool;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    WebhookWorker(Deliveries deliveries, WebhookProperties properties, NotificationInbox inbox, JsonMapper json,
            Clock clock, MeterRegistry meters) {
        this.meters = meters;
        this.deliveries = deliveries;
        this.properties = properties;
        this.inbox = inbox;
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER).build();
        // Claims never exceed the free threads, so the queue only bridges the moment between claim and start.
        this.pool = new ThreadPoolExecutor(properties.threads(), properties.threads(), 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(properties.threads()), new CustomizableThreadFactory("webhook-"));
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::dispatchDue, properties.pollInterval());
    }

    void dispatchDue() {
        int free = properties.threads() - total.get();
        if (free <= 0 || properties.endpoints().isEmpty()) {
            return;
        }
        Instant now = Instant.now(clock);
        List<Delivery> claimed = deliveries.claim(Delivery.Channel.WEBHOOK, now, busyAgencies(), properties.perAgencyInFlight(), free,
            now.plus(properties.lease()));
        claimed.forEach(this::start);
    }

    private Set<String> busyAgencies() {
        return inFlight.entrySet().stream().filter(entry -> entry.getValue().get() > 0).map(Map.Entry::getKey)
            .collect(Collectors.toSet());
    }

    private void start(Delivery delivery) {
        AtomicInteger agencyInFlight = inFlight.computeIfAbsent(delivery.agency(), agency -> new AtomicInteger());
        agencyInFlight.incrementAndGet();
        total.incrementAndGet();
        pool.execute(() -> {
            try {
                attempt(delivery);
            } finally {
                agencyInFlight.decrementAndGet();
                total.decrementAndGet();
            }
        });
    }

    private void attempt(Delivery delivery) {
        int attempt = delivery.attempts() + 1;
        String error;
        try {
            int status = post(delivery);
            if (status >= 200 && status < 300) {
                deliveries.noteDelivered(delivery.id(), attempt, Instant.now(clock));
                outcome("delivered");
                return;
            }
            error = "HTTP " + status;
        } catch (InterruptedException e) {
            // Shutting down: the claim's lease runs out and another instance, or the next start, tries again.
            Thread.currentThread().interrupt();
            return;
        } catch (IOException | RuntimeException e) {
            error = e.getClass().getSimpleName();
        }
        noteFailure(delivery, attempt, error);
    }

    private int post(Delivery delivery) throws IOException, InterruptedException {
        Endpoint endpoint = properties.endpointOf(delivery.agency())
            .orElseThrow(() -> new IllegalStateException("No webhook configured for " + delivery.agency()));
        Notification notification = inbox.get(delivery.notificationId(), delivery.agency());
        String body = json.writeValueAsString(WebhookPayload.of(delivery, notification));
        long timestamp = Instant.now(clock).getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(endpoint.url())
            .timeout(properties.requestTimeout())
            .header("Content-Type", "application/json")
            .header("X-Nexus-Delivery", delivery.id().toString())
            .header("X-Nexus-Timestamp", Long.toString(timestamp))
            .header("X-Nexus-Signature", WebhookSignature.sign(endpoint.secret(), timestamp, body))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Webhook attempts by outcome: delivered, failed (tried again later) or given up. */
    private void outcome(String outcome) {
        meters.counter("nexus.webhooks.attempts", "outcome", outcome).increment();
    }

    private void noteFailure(Delivery delivery, int attempt, String error) {
        Instant now = Instant.now(clock);
        boolean givenUp = attempt >= properties.maxAttempts();
        outcome(givenUp ? "given_up" : "failed");
        deliveries.noteFailed(delivery.id(), attempt, error,
            givenUp ? Delivery.State.FAILED : Delivery.State.PENDING,
            givenUp ? now : now.plus(properties.backoffAfter(attempt)));
        log.warn("Webhook delivery {} to {} failed (attempt {}, {}){}", delivery.id(), delivery.agency(), attempt, error,
            givenUp ? "; giving up" : "");
    }

    @Override
    public void destroy() throws InterruptedException {
        pool.shutdown();
        long grace = properties.connectTimeout().plus(properties.requestTimeout()).toMillis();
        if (!pool.awaitTermination(grace, TimeUnit.MILLISECONDS)) {
            pool.shutdownNow();
        }
    }
}
