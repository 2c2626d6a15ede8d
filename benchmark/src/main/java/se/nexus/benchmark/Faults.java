package se.nexus.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import se.nexus.local.LocalPlatform;

/** The suite's faults by name (see {@link FaultOptions#ALL}): crashes, graceful stops, outages and slow consumers. */
final class Faults {

    /** As long as an orchestrator waits after SIGTERM before it kills (Kubernetes' default grace period). */
    private static final Duration GRACE = Duration.ofSeconds(30);

    private Faults() {
    }

    static Fault named(String name, Platform platform, FaultOptions options) {
        LocalPlatform local = platform.local();
        if (name.startsWith("kill-")) {
            return kill(local, name.substring("kill-".length()));
        }
        if (name.startsWith("sigterm-")) {
            return terminate(local, name.substring("sigterm-".length()));
        }
        if (name.startsWith("pause-")) {
            return pause(local, name.substring("pause-".length()), options.pause());
        }
        return switch (name) {
            case "kafka-down" -> kafkaDown(local, options.kafkaDown());
            case "postgres-restart" -> postgresRestart(local);
            case "postgres-down" -> postgresDown(local, options.postgresDown());
            case "poison" -> new PoisonMessages(platform);
            case "webhooks" -> new WebhookReceivers(platform, options.webhookOutage());
            default -> throw new IllegalArgumentException("No fault named " + name);
        };
    }

    /** kill -9 mid-load, then the service started again on its port; done when it answers ready. */
    private static Fault kill(LocalPlatform local, String service) {
        return simple("kill-" + service, service, () -> {
            local.kill(service);
            local.restart(service);
        });
    }

    /**
     * SIGTERM mid-load, as a rolling deployment sends it: in-flight HTTP requests should finish and Kafka work be
     * committed or redelivered; then the service started again.
     */
    private static Fault terminate(LocalPlatform local, String service) {
        return new Fault() {
            private Duration stopping;
            private boolean graceful;

            @Override
            public String name() {
                return "sigterm-" + service;
            }

            @Override
            public String dependency() {
                return service;
            }

            @Override
            public Outage inject() {
                Instant from = Instant.now();
                graceful = local.terminate(service, GRACE);
                stopping = Duration.between(from, Instant.now());
                local.restart(service);
                return new Outage(from, Instant.now());
            }

            @Override
            public List<String> findings(Instant since) {
                return List.of(String.format(java.util.Locale.ROOT, "%s %s %.1f s after SIGTERM", service,
                    graceful ? "stopped by itself" : "had to be killed", stopping.toMillis() / 1000.0));
            }
        };
    }

    /** A consumer that stops consuming (SIGSTOP) for a while, then runs on and catches up. */
    private static Fault pause(LocalPlatform local, String service, Duration pause) {
        return simple("pause-" + service, service, () -> {
            local.pause(service);
            Threads.sleepUntil(System.nanoTime() + pause.toNanos());
            local.resume(service);
        });
    }

    private static Fault kafkaDown(LocalPlatform local, Duration down) {
        return simple("kafka-down", "Kafka", () -> {
            local.stopKafka();
            Threads.sleepUntil(System.nanoTime() + down.toNanos());
            local.startKafka();
        });
    }

    private static Fault postgresRestart(LocalPlatform local) {
        return simple("postgres-restart", "PostgreSQL", local::restartPostgres);
    }

    /** Long enough that the consumers' bounded retries would run out: they must wait for it, not dead-letter. */
    private static Fault postgresDown(LocalPlatform local, Duration down) {
        return simple("postgres-down", "PostgreSQL", () -> {
            int port = local.stopPostgres();
            Threads.sleepUntil(System.nanoTime() + down.toNanos());
            local.startPostgres(port);
        });
    }

    private static Fault simple(String name, String dependency, Runnable injection) {
        return new Fault() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String dependency() {
                return dependency;
            }

            @Override
            public Outage inject() {
                Instant from = Instant.now();
                injection.run();
                return new Outage(from, Instant.now());
            }
        };
    }
}
