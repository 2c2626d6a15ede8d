package se.nexus.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import se.nexus.infrastructure.Database;
import se.nexus.infrastructure.EventSigningKeys;
import se.nexus.infrastructure.KafkaAccess;
import se.nexus.infrastructure.KafkaConnection;
import se.nexus.infrastructure.LocalCertificateAuthority;
import se.nexus.local.LocalPlatform;

/**
 * The platform under test: where its services answer, how to get tokens, and where its databases and
 * Kafka are. Either started here (and closed with the run) or a running one named by --target.
 */
final class Platform implements AutoCloseable {

    static final String REFERRAL = "referral-service";
    static final String NOTIFICATION = "notification-service";
    static final String AUDIT = "audit-service";

    /** The five demo agencies of nexus-participants.yml that work cases; each sends and receives. */
    static final List<String> AGENCIES = List.of("se.uppsala.socialtjanst", "se.region-uppsala.vard",
        "se.polisen.region-mitt", "se.aklagarmyndigheten", "se.uppsala.nexus");

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private final LocalPlatform local;
    private final BenchmarkOptions options;
    private final Map<String, List<String>> urls;
    private final Path projectRoot;
    private final Path dataDir;
    private final double readySeconds;

    private Platform(LocalPlatform local, BenchmarkOptions options, Map<String, List<String>> urls, Path projectRoot,
            Path dataDir, double readySeconds) {
        this.local = local;
        this.options = options;
        this.urls = urls;
        this.projectRoot = projectRoot;
        this.dataDir = dataDir;
        this.readySeconds = readySeconds;
    }

    /** Starts the whole local platform on free ports, in a fresh data folder, with full-C2 service JVMs. */
    static Platform start(BenchmarkOptions options, Path projectRoot, Path dataDir) {
        LocalPlatform.Options startOptions = LocalPlatform.Options.onFreePorts(projectRoot, dataDir)
            .withVersion(System.getProperty("nexus.version", LocalPlatform.Options.DEFAULT_VERSION))
            .withReadinessTimeout(Duration.ofMinutes(4))
            // The load goes to the APIs; the people's console would only idle beside them.
            .withServices(LocalPlatform.API_SERVICES)
            // Every commit paid for as in production: the local stack's PostgreSQL would skip fsync.
            .withDurablePostgres(options.durable())
            .withServiceJvmOptions(Stream.concat(Stream.of("-Xmx" + options.serviceHeap(), "-Xms" + options.serviceHeap(),
                "-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints"), options.serviceJvmFlags().stream()).toList());
        LocalPlatform local = LocalPlatform.start(startOptions, line -> System.out.println("  " + line));
        double readySeconds = local.elapsedSeconds();
        try {
            startMoreInstances(local, options.instances());
        } catch (RuntimeException e) {
            local.close();
            throw e;
        }
        Map<String, List<String>> urls = Map.of(REFERRAL, local.serviceUrls(REFERRAL), NOTIFICATION,
            local.serviceUrls(NOTIFICATION), AUDIT, local.serviceUrls(AUDIT));
        return new Platform(local, options, urls, projectRoot, dataDir, readySeconds);
    }

    /** The second and further instances of every API service, the services in parallel. */
    private static void startMoreInstances(LocalPlatform local, int instances) {
        for (int instance = 2; instance <= instances; instance++) {
            LocalPlatform.API_SERVICES.stream()
                .map(service -> CompletableFuture.runAsync(() -> local.startInstance(service)))
                .toList().forEach(CompletableFuture::join);
        }
    }

    /** A platform that is already running, e.g. `mvn -Plocal`. */
    static Platform running(BenchmarkOptions options, Path projectRoot) {
        Map<String, List<String>> urls = Map.of(REFERRAL, List.of(options.target().get(0)), NOTIFICATION,
            List.of(options.target().get(1)), AUDIT, List.of(options.target().get(2)));
        return new Platform(null, options, urls, projectRoot, null, 0);
    }

    /** The base URL of a service's first instance. */
    String url(String service) {
        return urls.get(service).get(0);
    }

    /** The base URLs of every instance of a service. */
    List<String> urls(String service) {
        return urls.get(service);
    }

    /** Seconds from starting the platform until every service answered ready; 0 for a running one. */
    double readySeconds() {
        return readySeconds;
    }

    /** Processes per service: as many as the benchmark started, one of a running platform's. */
    int instances() {
        return local != null ? options.instances() : 1;
    }

    boolean started() {
        return local != null;
    }

    /** A token of this agency with one role, by client credentials from the platform's identity provider. */
    String token(String agency, String role) {
        if (local != null) {
            return local.token(agency, role);
        }
        return clientCredentials(agency, role);
    }

    private String clientCredentials(String agency, String role) {
        String basic = Base64.getEncoder().encodeToString((agency + ":demo-secret").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(options.tokenUri()))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + role))
            .build();
        try {
            String body = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
            Matcher token = ACCESS_TOKEN.matcher(body);
            if (!token.find()) {
                throw new IllegalStateException("No token for " + agency + " from " + options.tokenUri());
            }
            return token.group(1);
        } catch (IOException e) {
            throw new IllegalStateException("Token issuer " + options.tokenUri() + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A service database (referral, notification, audit) or a scratch one, with owner credentials. */
    Database database(String name) {
        if (local != null) {
            return local.database(name);
        }
        Database database = new Database(options.jdbcBase() + name, "postgres", "postgres");
        createIfMissing(name);
        return database;
    }

    private void createIfMissing(String name) {
        try (Connection connection = DriverManager.getConnection(options.jdbcBase() + "postgres", "postgres", "postgres");
                Statement statement = connection.createStatement()) {
            if (!statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'").next()) {
                statement.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not reach database " + name + " at " + options.jdbcBase(), e);
        }
    }

    static Connection connect(Database database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }

    /**
     * The benchmark's own Kafka client: the operator's tools' principal (never a service's), over mutual TLS; for a
     * running platform with the certificate the local stack issued it.
     */
    KafkaConnection kafka() {
        if (local != null) {
            return local.kafka(KafkaAccess.OPERATOR);
        }
        Path tls = tlsDir();
        // The keys the local stack signs its events with are kept beside its certificates.
        Path trusted = tls.resolveSibling("signing").resolve("trusted");
        return new KafkaConnection(options.kafka(), new LocalCertificateAuthority.IssuedCertificate(KafkaAccess.OPERATOR,
            tls.resolve(KafkaAccess.OPERATOR + ".pem"), tls.resolve(LocalCertificateAuthority.CA_CERTIFICATE)),
            Files.isDirectory(trusted) ? new EventSigningKeys.EventSigning(null, trusted) : null);
    }

    /** The private key a service signs its events with: the fault suite's poison signs as a buggy service would. */
    Path eventSigningKey(String service) {
        if (local != null) {
            return local.kafka(service).signing().key();
        }
        return tlsDir().resolveSibling("signing").resolve(service + ".key");
    }

    /** A running platform's certificates: those of {@code --kafka-tls}, or the local stack's. */
    private Path tlsDir() {
        return options.kafkaTls().isBlank() ? projectRoot.resolve(".nexus-local").resolve("tls")
            : Path.of(options.kafkaTls());
    }

    /** The processes to watch, by the name they are reported under. */
    Map<String, Predicate<ProcessProbe.Proc>> processes() {
        return Map.of(
            REFERRAL, service(REFERRAL),
            NOTIFICATION, service(NOTIFICATION),
            AUDIT, service(AUDIT),
            "identity provider", service("identity-provider"),
            "schema registry", registry());
    }

    /**
     * Other JVMs on the machine (a test run next door) may run the same jars: here the platform's own processes
     * are the launcher's children; a running platform's registry is told by its port.
     */
    private Predicate<ProcessProbe.Proc> registry() {
        Predicate<ProcessProbe.Proc> apicurio = proc -> proc.commandLine().contains("apicurio-registry")
            && proc.commandLine().contains("java");
        if (local != null) {
            long launcher = ProcessHandle.current().pid();
            return apicurio.and(proc -> proc.parent() == launcher);
        }
        return apicurio.and(proc -> proc.commandLine().contains("quarkus.http.port=18081"));
    }

    private Predicate<ProcessProbe.Proc> service(String name) {
        String jar = local != null ? projectRoot.resolve(name).resolve("target").toString() + "/" + name + "-" : name + "-";
        Predicate<ProcessProbe.Proc> service = proc -> proc.commandLine().contains(jar)
            && proc.commandLine().contains("-exec.jar");
        long launcher = ProcessHandle.current().pid();
        return local != null ? service.and(proc -> proc.parent() == launcher) : service;
    }

    /** How to tell this platform's PostgreSQL server (the postmaster) from any other on the machine. */
    Predicate<ProcessProbe.Proc> postmaster() {
        if (local != null) {
            String data = dataDir.resolve("postgres").toString();
            return proc -> proc.name().equals("postgres") && proc.commandLine().contains(data);
        }
        String port = options.jdbcBase().replaceAll(".*:(\\d+)/.*", "$1");
        return proc -> proc.name().equals("postgres") && proc.commandLine().contains(port);
    }

    String schemaRegistryUrl() {
        return local().schemaRegistryUrl();
    }

    /** The platform this run started, for the fault suite to kill, stop and restart its parts. */
    LocalPlatform local() {
        if (local == null) {
            throw new IllegalStateException("Faults are injected only into a platform this run started, not --target");
        }
        return local;
    }

    Path dataDir() {
        return dataDir;
    }

    Map<String, Integer> exitedServices() {
        return local == null ? Map.of() : local.exitedServices();
    }

    @Override
    public void close() {
        if (local != null) {
            local.close();
        }
    }
}
