package se.nexus.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Agencies' own systems as a real local HTTP server: {@code /healthy} records every webhook POST and answers
 * 503 to the first attempts of deliveries a test asked to fail; {@code /hanging} never answers in time.
 */
final class AgencySystems implements AutoCloseable {

    /** One POST as the agency's system received it. */
    record Received(String deliveryId, String timestamp, String signature, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> failuresWanted = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failuresGiven = new ConcurrentHashMap<>();
    private final List<Long> hangingArrivals = new CopyOnWriteArrayList<>();

    AgencySystems() {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/healthy", this::healthy);
        server.createContext("/hanging", this::hanging);
        server.setExecutor(executor);
        server.start();
    }

    String url(String path) {
        return "http://localhost:" + server.getAddress().getPort() + path;
    }

    /** Answers 503 to the first {@code times} POSTs about this referral, then accepts. */
    void failFirst(String referralId, int times) {
        failuresWanted.put(referralId, times);
    }

    List<Received> receivedAbout(String referralId) {
        return received.stream().filter(r -> r.body().contains(referralId)).toList();
    }

    int hangingCalls() {
        return hangingArrivals.size();
    }

    /** The most calls the hanging endpoint got within any window of this length. */
    int mostHangingCallsWithin(Duration window) {
        List<Long> arrivals = hangingArrivals.stream().sorted().toList();
        int most = 0;
        for (int first = 0, last = 0; last < arrivals.size(); last++) {
            while (arrivals.get(last) - arrivals.get(first) >= window.toNanos()) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }

    private void healthy(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        var headers = exchange.getRequestHeaders();
        received.add(new Received(headers.getFirst("X-Nexus-Delivery"), headers.getFirst("X-Nexus-Timestamp"),
            headers.getFirst("X-Nexus-Signature"), body));
        answer(exchange, shouldFail(body) ? 503 : 204);
    }

    private boolean shouldFail(String body) {
        for (var wanted : failuresWanted.entrySet()) {
            if (body.contains(wanted.getKey())) {
                return failuresGiven.computeIfAbsent(wanted.getKey(), k -> new AtomicInteger())
                    .getAndIncrement() < wanted.getValue();
            }
        }
        return false;
    }

    private void hanging(HttpExchange exchange) throws IOException {
        hangingArrivals.add(System.nanoTime());
        try {
            Thread.sleep(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        answer(exchange, 503);
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
