package se.nexus.support.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import se.nexus.support.web.Problems;

/** The admission filter on its own: the in-flight bound, the outbox and audit lag bounds, and what a refusal says. */
class AdmissionFilterTests {

    static final int BOUND = 3;
    static final JsonMapper JSON = JsonMapper.builder().build();

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final AtomicReference<Duration> lag = new AtomicReference<>(Duration.ZERO);
    final AtomicBoolean auditBehind = new AtomicBoolean();
    final AdmissionFilter filter = new AdmissionFilter(new AdmissionProperties(true, BOUND, Duration.ofSeconds(2),
        Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofMillis(500),
        new AdmissionProperties.Audit("audit-ingest", List.of("nexus.referrals"), Duration.ofSeconds(60),
            Duration.ofSeconds(15))), lag::get, auditBehind::get, new Problems(JSON), meters);
    final ExecutorService callers = Executors.newCachedThreadPool();
    final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseAll() {
        release.countDown();
        callers.shutdownNow();
    }

    @Test
    void pastTheBoundARequestIsRefusedAtOnceWith429AndPassesAgainOnceOthersFinish() throws Exception {
        List<Future<MockHttpServletResponse>> held = holdInside(BOUND);

        Reached reached = new Reached();
        MockHttpServletResponse refused = call("POST", reached);

        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("2");
        assertThat(refused.getContentType()).isEqualTo("application/problem+json");
        JsonNode problem = JSON.readTree(refused.getContentAsByteArray());
        assertThat(problem.get("type").asString()).isEqualTo(Problems.TYPE_BASE + "overloaded");
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("detail").asString()).contains("nothing was changed");
        assertThat(reached.count).as("the refused request never reached the application").isZero();
        assertThat(refusals(AdmissionFilter.IN_FLIGHT)).isEqualTo(1);

        release.countDown();
        for (Future<MockHttpServletResponse> request : held) {
            assertThat(request.get(30, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        }
        assertThat(call("POST", reached).getStatus()).isEqualTo(200);
        assertThat(reached.count).isEqualTo(1);
    }

    @Test
    void aRequestThatFailsGivesItsPlaceBack() throws Exception {
        FilterChain failing = (request, response) -> {
            throw new IllegalStateException("the application failed");
        };
        for (int i = 0; i <= BOUND; i++) {
            assertThatThrownBy(() -> call("POST", failing)).isInstanceOf(IllegalStateException.class);
        }

        holdInside(BOUND);

        assertThat(call("GET", new Reached()).getStatus()).as("the bound is whole again, and full").isEqualTo(429);
    }

    @Test
    void whileTheOutboxIsBehindChangesAreRefusedWith503AndReadsPass() throws Exception {
        lag.set(Duration.ofSeconds(31));
        Reached reached = new Reached();

        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            MockHttpServletResponse refused = call(method, reached);
            assertThat(refused.getStatus()).as(method).isEqualTo(503);
            assertThat(refused.getHeader("Retry-After")).isEqualTo("10");
            JsonNode problem = JSON.readTree(refused.getContentAsByteArray());
            assertThat(problem.get("type").asString()).isEqualTo(Problems.TYPE_BASE + "delivery-behind");
            assertThat(problem.get("detail").asString()).contains("nothing was changed");
        }
        assertThat(reached.count).isZero();
        assertThat(call("GET", reached).getStatus()).isEqualTo(200);
        assertThat(refusals(AdmissionFilter.OUTBOX_LAG)).isEqualTo(4);

        lag.set(Duration.ofSeconds(30));
        assertThat(call("POST", reached).getStatus()).as("at the bound, not past it").isEqualTo(200);
        assertThat(reached.count).isEqualTo(2);
    }

    @Test
    void whileTheAuditLogIsBehindChangesAreRefusedWith503SayingWhyAndReadsPass() throws Exception {
        auditBehind.set(true);
        Reached reached = new Reached();

        MockHttpServletResponse refused = call("POST", reached);

        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("15");
        JsonNode problem = JSON.readTree(refused.getContentAsByteArray());
        assertThat(problem.get("type").asString()).isEqualTo(Problems.TYPE_BASE + "audit-behind");
        assertThat(problem.get("detail").asString()).contains("audit log is behind").contains("nothing was changed");
        assertThat(reached.count).isZero();
        assertThat(call("GET", reached).getStatus()).isEqualTo(200);
        assertThat(refusals(AdmissionFilter.AUDIT_LAG)).isEqualTo(1);

        auditBehind.set(false);
        assertThat(call("POST", reached).getStatus()).isEqualTo(200);
        assertThat(reached.count).isEqualTo(2);
    }

    /** Starts {@code n} requests that stay in the application until {@link #release}; returns once all are inside. */
    private List<Future<MockHttpServletResponse>> holdInside(int n) throws InterruptedException {
        CountDownLatch inside = new CountDownLatch(n);
        List<Future<MockHttpServletResponse>> held = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            held.add(callers.submit(() -> call("GET", (request, response) -> {
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            })));
        }
        assertThat(inside.await(30, TimeUnit.SECONDS)).as("all held requests inside").isTrue();
        return held;
    }

    private MockHttpServletResponse call(String method, FilterChain application) throws Exception {
        var request = new MockHttpServletRequest(method, "/api/v1/referrals");
        var response = new MockHttpServletResponse();
        filter.doFilter(request, response, application);
        return response;
    }

    private double refusals(String reason) {
        return meters.get("nexus.admission.refused").tag("reason", reason).counter().count();
    }

    /** The application behind the filter, counting the requests that reached it. */
    private static final class Reached implements FilterChain {

        int count;

        @Override
        public void doFilter(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response) {
            count++;
        }
    }
}
