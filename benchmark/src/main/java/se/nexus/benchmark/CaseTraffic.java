package se.nexus.benchmark;

import static se.nexus.benchmark.Threads.daemon;
import static se.nexus.benchmark.Threads.sleepUntil;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Complete cases through the public HTTP API, many agencies in parallel: (a consent grant,) submit, receive,
 * accept, (a handover requested and accepted,) close. Closed loop: {@code concurrency} workers each run case
 * after case. Open loop: cases start at the configured rate on a bounded pool; a case that finds every worker
 * busy is not started and counted, so nothing queues up unseen inside the load generator.
 */
final class CaseTraffic {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern PROBLEM_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"[^\"]*/([a-z-]+)\"");
    private static final List<String> URGENCIES = List.of("IMMEDIATE", "URGENT", "ROUTINE");
    private static final List<String> CONCERNS = List.of("THREATS", "VIOLENCE", "RESTRICTED_FREEDOM",
        "FORCED_MARRIAGE", "HONOUR_NORMS", "CHILD_AT_RISK");
    private static final List<String> PROVISIONS = List.of("OSL_10_18C", "OSL_25_12", "OSL_26_9", "OSL_10_28",
        "CHILD_CONCERN_REPORT");

    private final BenchmarkOptions options;
    private final List<String> referrals;
    private final AtomicLong requests = new AtomicLong();
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final HttpClient http;
    private final EndpointStats stats = new EndpointStats();
    private final LongAdder casesStarted = new LongAdder();
    private final LongAdder casesCompleted = new LongAdder();
    private final LongAdder casesAborted = new LongAdder();
    private final LongAdder casesNotStarted = new LongAdder();
    private final LongAdder submittedInWindow = new LongAdder();
    private final LongAdder completedInWindow = new LongAdder();
    private final LongAdder requestsInWindow = new LongAdder();
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;
    private volatile boolean stopping;
    private final Consumer<Answer> answers;
    private Instant started;
    private ExecutorService workers;

    CaseTraffic(Platform platform, BenchmarkOptions options) {
        this(platform, options, answer -> { });
    }

    /** Traffic that also hands every answer (and every failed request) to the consumer, e.g. the fault suite's log. */
    CaseTraffic(Platform platform, BenchmarkOptions options, Consumer<Answer> answers) {
        this.options = options;
        this.answers = answers;
        this.referrals = platform.urls(Platform.REFERRAL);
        Platform.AGENCIES.forEach(agency -> tokens.put(agency, platform.token(agency, "CASEWORKER")));
        AtomicInteger threads = new AtomicInteger();
        this.http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newCachedThreadPool(r -> daemon(r, "bench-http-" + threads.incrementAndGet())))
            .build();
    }

    /** What the traffic did; window figures cover only the measured window. */
    record Result(Instant started, Instant windowStart, Instant windowEnd, Instant drained, long casesStarted,
            long casesCompleted, long casesAborted, long casesNotStarted, long referralsSubmittedInWindow,
            long casesCompletedInWindow, long requestsInWindow, EndpointStats endpoints) {
    }

    /**
     * One request's outcome as its client saw it: the status (0 if none came), the outcome as the report counts it
     * ({@code 503 audit-behind}, {@code ConnectException}), whether a Retry-After came with it, and on success the id
     * it answered with (a referral's for a submit).
     */
    record Answer(Instant at, String endpoint, int status, String outcome, boolean retryAfter, String id) {

        boolean succeeded() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * Runs warm-up then the measured window, calling onWindow when it opens and closes (for CPU and profiling),
     * then stops starting cases and waits for those in flight to finish.
     */
    Result run(Duration warmup, Duration measured, Runnable onWindowOpen, Runnable onWindowClose) throws InterruptedException {
        long t0 = start(warmup);
        sleepUntil(t0 + warmup.toNanos());
        onWindowOpen.run();
        Instant windowOpened = Instant.now();
        windowStart = System.nanoTime();
        windowEnd = windowStart + measured.toNanos();
        sleepUntil(windowEnd);
        Instant windowClosed = Instant.now();
        onWindowClose.run();
        return stop(windowOpened, windowClosed);
    }

    /**
     * Starts the traffic, at the configured rate throughout (no warm-up), and returns at once (with its
     * {@link System#nanoTime()}); {@link #stop()} ends it.
     */
    long start() {
        return start(Duration.ZERO);
    }

    private long start(Duration warmup) {
        started = Instant.now();
        long t0 = System.nanoTime();
        workers = options.closedLoop() ? closedLoop() : openLoop(t0, warmup);
        return t0;
    }

    /** Stops starting cases and waits for those in flight; for traffic started without a measured window. */
    Result stop() throws InterruptedException {
        return stop(null, null);
    }

    private Result stop(Instant windowOpened, Instant windowClosed) throws InterruptedException {
        stopping = true;
        workers.shutdown();
        if (!workers.awaitTermination(2, TimeUnit.MINUTES)) {
            workers.shutdownNow();
        }
        return new Result(started, windowOpened, windowClosed, Instant.now(), casesStarted.sum(), casesCompleted.sum(),
            casesAborted.sum(), casesNotStarted.sum(), submittedInWindow.sum(), completedInWindow.sum(),
            requestsInWindow.sum(), stats);
    }

    /** Answers so far over the whole run, for error messages. */
    Map<String, Map<String, Long>> statuses() {
        return stats.allOutcomes();
    }

    private ExecutorService closedLoop() {
        AtomicInteger n = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(options.concurrency(),
            r -> daemon(r, "bench-worker-" + n.incrementAndGet()));
        for (int i = 0; i < options.concurrency(); i++) {
            workers.execute(() -> {
                while (!stopping) {
                    runCase();
                }
            });
        }
        return workers;
    }

    private ExecutorService openLoop(long t0, Duration warmup) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor workers = new ThreadPoolExecutor(options.concurrency(), options.concurrency(), 1,
            TimeUnit.MINUTES, new SynchronousQueue<>(), r -> daemon(r, "bench-worker-" + n.incrementAndGet()));
        workers.prestartAllCoreThreads();
        Thread pacer = daemon(() -> pace(workers, t0, warmup), "bench-pacer");
        pacer.start();
        return new PacedExecutor(workers, pacer);
    }

    private void pace(ThreadPoolExecutor workers, long t0, Duration warmup) {
        long next = t0;
        while (!stopping) {
            sleepUntil(next);
            if (stopping) {
                return;
            }
            try {
                workers.execute(this::runCase);
            } catch (RejectedExecutionException busy) {
                casesNotStarted.increment();
            }
            next += (long) (1e9 / options.rateAt(Duration.ofNanos(next - t0), warmup));
        }
    }

    /** One case with a consent and a handover, outside any window: creates every topic and wakes every consumer. */
    boolean prime() {
        long before = casesCompleted.sum();
        runCase(true);
        return casesCompleted.sum() > before;
    }

    private void runCase() {
        runCase(false);
    }

    private void runCase(boolean everything) {
        casesStarted.increment();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<String> agencies = new ArrayList<>(Platform.AGENCIES);
        java.util.Collections.shuffle(agencies, random);
        String sender = agencies.get(0);
        String receiver = agencies.get(1);
        String handoverTarget = everything || random.nextDouble() < options.handoverShare() ? agencies.get(2) : null;
        String subjectRef = "bench-" + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
        try {
            String basis = everything || random.nextDouble() < options.consentShare()
                ? consentBasis(sender, subjectRef, receiver, handoverTarget)
                : statutoryBasis();
            String referral = submit(sender, receiver, subjectRef, basis);
            post("receive", "/api/v1/referrals/" + referral + "/receive", receiver, null, 200);
            post("accept", "/api/v1/referrals/" + referral + "/accept", receiver, null, 200);
            String owner = receiver;
            if (handoverTarget != null) {
                String handover = post("handover request", "/api/v1/referrals/" + referral + "/handovers", receiver,
                    "{\"toAgency\":\"" + handoverTarget + "\",\"reason\":\"SPECIALIST_SUPPORT\"}", 201);
                post("handover accept", "/api/v1/handovers/" + handover + "/accept", handoverTarget, null, 200);
                owner = handoverTarget;
            }
            post("close", "/api/v1/referrals/" + referral + "/close", owner, null, 200);
            casesCompleted.increment();
            if (inWindow(System.nanoTime())) {
                completedInWindow.increment();
            }
        } catch (CaseAborted e) {
            casesAborted.increment();
        }
    }

    private String consentBasis(String sender, String subjectRef, String receiver, String handoverTarget) {
        String grantedTo = "\"" + receiver + "\"" + (handoverTarget == null ? "" : ",\"" + handoverTarget + "\"");
        String consent = post("consent grant", "/api/v1/consents", sender, "{\"subjectRef\":\"" + subjectRef
            + "\",\"grantedTo\":[" + grantedTo + "],\"purpose\":\"PROTECTION_AND_SUPPORT\","
            + "\"dataCategories\":[\"CASE_SUMMARY\"],\"validUntil\":\"" + LocalDate.now().plusYears(1)
            + "\",\"obtained\":\"WRITTEN\"}", 201);
        return "{\"type\":\"CONSENT\",\"consentId\":\"" + consent + "\"}";
    }

    private String submit(String sender, String receiver, String subjectRef, String basis) {
        return post("submit", "/api/v1/referrals", sender, referralJson(receiver, subjectRef, basis), 201);
    }

    /** A submitted referral as the API takes it: one concern, a random urgency, 5 % protected identities. */
    static String referralJson(String receiver, String subjectRef, String basis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "{\"toAgency\":\"" + receiver + "\",\"subject\":{\"ref\":\"" + subjectRef
            + "\",\"protectedIdentity\":" + (random.nextInt(20) == 0) + "},\"urgency\":\""
            + URGENCIES.get(random.nextInt(URGENCIES.size())) + "\",\"concerns\":[\""
            + CONCERNS.get(random.nextInt(CONCERNS.size())) + "\"],\"legalBasis\":" + basis
            + ",\"summary\":\"Benchmark case: synthetic free text, stored encrypted.\"}";
    }

    /** A legal basis in law, on one of the provisions at random. */
    static String statutoryBasis() {
        return "{\"type\":\"STATUTORY\",\"provisionCode\":\""
            + PROVISIONS.get(ThreadLocalRandom.current().nextInt(PROVISIONS.size())) + "\"}";
    }

    /** POSTs as a caseworker of the agency; returns the answer's id, or aborts the case on any other status. */
    private String post(String endpoint, String path, String agency, String json, int expected) {
        // Round-robin over the referral service's instances: they share the database, so any step may go to any.
        String referralService = referrals.get((int) (requests.getAndIncrement() % referrals.size()));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(referralService + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + tokens.get(agency));
        if (json == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(json));
        }
        long start = System.nanoTime();
        boolean counted = inWindow(start);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            long end = System.nanoTime();
            String outcome = outcome(response);
            stats.record(endpoint, outcome, start, end, counted);
            if (counted) {
                requestsInWindow.increment();
            }
            if (response.statusCode() == expected && endpoint.equals("submit") && inWindow(end)) {
                submittedInWindow.increment();
            }
            Matcher id = ID.matcher(response.body());
            String answered = id.find() ? id.group(1) : null;
            answers.accept(new Answer(Instant.now(), endpoint, response.statusCode(), outcome,
                response.headers().firstValue("Retry-After").isPresent(), answered));
            if (response.statusCode() != expected) {
                throw new CaseAborted();
            }
            return answered;
        } catch (IOException e) {
            stats.record(endpoint, e.getClass().getSimpleName(), start, System.nanoTime(), counted);
            answers.accept(new Answer(Instant.now(), endpoint, 0, e.getClass().getSimpleName(), false, null));
            throw new CaseAborted();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaseAborted();
        }
    }

    /** The status, and for a refusal the problem's type ({@code 503 audit-behind}), so that the report says why. */
    private static String outcome(HttpResponse<String> response) {
        if (response.statusCode() < 400) {
            return String.valueOf(response.statusCode());
        }
        Matcher type = PROBLEM_TYPE.matcher(response.body());
        return response.statusCode() + (type.find() ? " " + type.group(1) : "");
    }

    private boolean inWindow(long nanos) {
        return nanos >= windowStart && nanos < windowEnd;
    }


    /** A step answered otherwise than expected; the case stops there (the answer is already counted). */
    private static final class CaseAborted extends RuntimeException {
        CaseAborted() {
            super(null, null, false, false);
        }
    }

    /** The open-loop pool together with its pacer, shut down as one. */
    private static final class PacedExecutor extends java.util.concurrent.AbstractExecutorService {

        private final ThreadPoolExecutor workers;
        private final Thread pacer;

        PacedExecutor(ThreadPoolExecutor workers, Thread pacer) {
            this.workers = workers;
            this.pacer = pacer;
        }

        @Override
        public void shutdown() {
            try {
                pacer.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            workers.shutdown();
        }

        @Override
        public List<Runnable> shutdownNow() {
            pacer.interrupt();
            return workers.shutdownNow();
        }

        @Override
        public boolean isShutdown() {
            return workers.isShutdown();
        }

        @Override
        public boolean isTerminated() {
            return workers.isTerminated();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            return workers.awaitTermination(timeout, unit);
        }

        @Override
        public void execute(Runnable command) {
            workers.execute(command);
        }
    }
}
