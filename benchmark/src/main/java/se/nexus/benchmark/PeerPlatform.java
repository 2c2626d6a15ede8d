package se.nexus.benchmark;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import se.nexus.infrastructure.ChildProcess;

/**
 * The peer Nexus is compared with (the benchmark-peer module: Spring Modulith's JDBC outbox to Kafka), started by
 * its own launcher as a child process, exactly as its run.sh starts it: PostgreSQL, a KRaft broker and the app.
 */
final class PeerPlatform implements AutoCloseable {

    static final String NAME = "peer (Spring Modulith)";

    private final ChildProcess launcher;
    private final Path runDir;
    private final String url;
    private final String kafka;
    private final String topic;
    private final String jdbcUrl;
    private final double readySeconds;

    private PeerPlatform(ChildProcess launcher, Path runDir, Properties endpoints, double readySeconds) {
        this.launcher = launcher;
        this.runDir = runDir;
        this.url = endpoints.getProperty("APP_URL");
        this.kafka = endpoints.getProperty("KAFKA_BOOTSTRAP");
        this.topic = endpoints.getProperty("TOPIC");
        this.jdbcUrl = endpoints.getProperty("JDBC_URL");
        this.readySeconds = readySeconds;
    }

    /** Starts the launcher from the module's build output and waits until it has written its endpoints. */
    static PeerPlatform start(Path projectRoot, Path runDir, boolean durable, String heap) throws InterruptedException {
        Path module = projectRoot.resolve("benchmark-peer");
        Path classpath = module.resolve("target/classpath.txt");
        if (!Files.isRegularFile(classpath)) {
            throw new IllegalStateException("The peer is not built (" + classpath + " missing): run the benchmark with "
                + "`mvn -pl benchmark -am -Pbenchmark verify`, which builds benchmark-peer too");
        }
        deleteEndpoints(runDir);
        String setting = durable ? "on" : "off";
        List<String> command = new ArrayList<>(List.of(ChildProcess.javaExecutable(), "-Xms1g", "-Xmx" + heap,
            "-Djava.io.tmpdir=" + runDir.resolve("tmp"), "-Dpeer.runDir=" + runDir,
            "-Dpeer.pg.synchronousCommit=" + setting, "-Dpeer.pg.fsync=" + setting,
            "-cp", module.resolve("target/classes") + ":" + read(classpath).trim(), "peer.bench.launcher.Launcher"));
        createDirectories(runDir.resolve("tmp"));
        long start = System.nanoTime();
        ChildProcess launcher = ChildProcess.start("benchmark-peer", command, Map.of(), module,
            runDir.resolve("app.log"));
        Path endpoints = runDir.resolve("endpoints.properties");
        long deadline = start + Duration.ofMinutes(3).toNanos();
        while (!Files.isRegularFile(endpoints)) {
            if (!launcher.isAlive() || System.nanoTime() > deadline) {
                String why = launcher.isAlive() ? "was not ready within 3 minutes"
                    : "exited with " + launcher.exitValue();
                launcher.close();
                throw new IllegalStateException("The peer " + why + "; last lines of " + launcher.logFile() + ":\n"
                    + launcher.logTail(40));
            }
            Thread.sleep(250);
        }
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(read(endpoints)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PeerPlatform(launcher, runDir, properties, (System.nanoTime() - start) / 1e9);
    }

    String url() {
        return url;
    }

    String kafkaBootstrapServers() {
        return kafka;
    }

    String topic() {
        return topic;
    }

    double readySeconds() {
        return readySeconds;
    }

    /** The peer's PostgreSQL settings that decide whether a commit waits for the disk, as the server reports them. */
    String postgresSettings() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT name, setting FROM pg_settings "
                    + "WHERE name IN ('fsync', 'synchronous_commit') ORDER BY name")) {
            Map<String, String> settings = new TreeMap<>();
            while (rows.next()) {
                settings.put(rows.getString(1), rows.getString(2));
            }
            return ReportText.postgres(settings);
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /**
     * Waits, at most {@code max}, until Modulith has completed every publication, so that the backlog one load left is
     * not measured as the next one's; returns how long that took.
     */
    Duration awaitSettled(Duration max) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < max.toNanos() && incompletePublications() > 0) {
            Thread.sleep(1000);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private long incompletePublications() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                    "SELECT count(*) FROM event_publication WHERE completion_date IS NULL")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            return 0;
        }
    }

    /** Stops the launcher (app, broker, PostgreSQL in its own bounded steps), and PostgreSQL if it outlived it. */
    @Override
    public void close() {
        launcher.close();
        Path pid = runDir.resolve("pgdata/postmaster.pid");
        if (Files.isRegularFile(pid)) {
            try {
                long postmaster = Long.parseLong(Files.readAllLines(pid).get(0).trim());
                ProcessHandle.of(postmaster).ifPresent(ProcessHandle::destroy);
            } catch (IOException | RuntimeException e) {
                System.out.println("  could not read " + pid + ": " + e);
            }
        }
    }

    private static void deleteEndpoints(Path runDir) {
        try {
            Files.deleteIfExists(runDir.resolve("endpoints.properties"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
