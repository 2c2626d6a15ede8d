package se.nexus.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

import se.nexus.infrastructure.ChildProcess;
import se.nexus.infrastructure.Database;
import se.nexus.infrastructure.DemoClients;
import se.nexus.infrastructure.KafkaBroker;
import se.nexus.infrastructure.KafkaConnection;
import se.nexus.infrastructure.LocalCertificateAuthority;
import se.nexus.infrastructure.MailServer;
import se.nexus.infrastructure.Postgres;
import se.nexus.infrastructure.SchemaRegistry;
import se.nexus.infrastructure.ShutdownHooks;

/** The whole Nexus platform on this machine: infrastructure plus the services as processes; close() stops it all. */
public final class LocalPlatform implements AutoCloseable {

	/** The identity provider (Spring Authorization Server), started from its jar like the services. */
	public static final String IDENTITY_PROVIDER = "identity-provider";

	/** The people's web console: a process like the services, calling their APIs with the person's token. */
	public static final String CONSOLE = "console";

	/** The services with a public API (and a database, Kafka and an OpenAPI document), in the order they are reported. */
	public static final List<String> API_SERVICES = List.of("referral-service", "notification-service", "audit-service");

	/** Every process the platform runs beside the identity provider: the API services, then the console. */
	public static final List<String> SERVICES = List.of("referral-service", "notification-service", "audit-service",
			CONSOLE);

	/** The names a server's certificate is issued for: this machine's, as the local stack's clients reach it. */
	private static final List<String> LOCAL_HOSTS = List.of("localhost", "127.0.0.1");

	private final Options options;

	private final long startNanos = System.nanoTime();

	private final Consumer<String> progress;

	private Postgres postgres;

	private KafkaBroker kafka;

	private SchemaRegistry registry;

	private MailServer mail;

	private LocalCertificateAuthority authority;

	private RunningService identityProvider;

	private final Map<String, RunningService> services = new LinkedHashMap<>();

	/** Instances beyond the first, started on request (e.g. by the benchmark), by service. */
	private final Map<String, List<RunningService>> moreInstances = new ConcurrentHashMap<>();

	/** Environment a service gets beyond its own, set by {@link #restart(String, Map)} for the runs after it. */
	private final Map<String, Map<String, String>> extraEnvironment = new ConcurrentHashMap<>();

	private boolean closed;

	private LocalPlatform(Options options, Consumer<String> progress) {
		this.options = options;
		this.progress = progress;
	}

	/**
	 * Starts everything and returns once every service is ready; progress lines (with elapsed seconds) go to
	 * the consumer. On failure whatever started is stopped again and the exception says what went wrong.
	 */
	public static LocalPlatform start(Options options, Consumer<String> progress) {
		Options resolved = options.resolvePorts();
		List<Path> jars = resolved.requireServiceJars();
		LocalPlatform platform = new LocalPlatform(resolved, progress);
		ShutdownHooks.register(platform);
		try {
			platform.startIdentityProvider();
			platform.startInfrastructure();
			platform.startServices(jars);
			return platform;
		}
		catch (RuntimeException e) {
			platform.close();
			throw e;
		}
	}

	private void startInfrastructure() {
		createDirectories(options.dataDir().resolve("logs"));
		postgres = Postgres.start(options.dataDir().resolve("postgres"), options.postgresPort(), options.durablePostgres());
		report("PostgreSQL ready on port " + postgres.port()
				+ (options.durablePostgres() ? " (fsync and synchronous_commit on)" : ""));
		mail = MailServer.start(options.smtpPort(), options.imapPort());
		report("Mail server ready: SMTP " + mail.smtpPort() + ", IMAP " + mail.imapPort());
		CompletableFuture<KafkaBroker> startingKafka = CompletableFuture.supplyAsync(
				() -> KafkaBroker.start(options.dataDir().resolve("kafka"), options.kafkaPort(), authority));
		Database registryStorage = postgres.database("registry");
		registry = SchemaRegistry.start(options.dataDir().resolve("logs"), options.registryPort(), registryStorage);
		report("Schema registry ready at " + registry.url() + " (schemas stored in PostgreSQL database registry)");
		kafka = join(startingKafka);
		report("Kafka ready at " + kafka.bootstrapServers() + " (mutual TLS only; certificates in " + tlsDir() + ")");
		identityProvider.awaitReady(options.readinessTimeout());
		report("Identity provider ready at " + identityProvider.url());
	}

	/** Started first and awaited last: its JVM warms up while PostgreSQL, the registry and Kafka start. */
	private void startIdentityProvider() {
		createDirectories(options.dataDir().resolve("logs"));
		// The local certificate authority, kept with the rest of the data: a restart reuses it and every certificate.
		// Made first: the identity provider knows the agency systems by their certificates and serves HTTPS with its own.
		authority = LocalCertificateAuthority.openOrCreate(tlsDir(), "Nexus local CA");
		DemoClients.agencies().forEach(authority::issueClient);
		LocalCertificateAuthority.IssuedCertificate server = authority.issueServer(IDENTITY_PROVIDER, LOCAL_HOSTS);
		int port = options.identityProviderPort();
		// The key lives with the rest of the local data: tokens survive a restart, and a reset resets it too.
		Map<String, String> environment = new LinkedHashMap<>(Map.of("NEXUS_HTTP_PORT", String.valueOf(port),
				"NEXUS_ISSUER_URI", "http://localhost:" + port, "NEXUS_IDP_KEY_FILE",
				options.dataDir().resolve("identity-provider-key.json").toString()));
		// A developer's machine: the published demo secret and password are allowed here, and only here.
		environment.put("NEXUS_IDP_LOCAL", "true");
		environment.put("NEXUS_IDP_AGENCY_CERTIFICATES", tlsDir().toString());
		environment.put("NEXUS_IDP_MTLS_PORT", String.valueOf(options.identityProviderTlsPort()));
		environment.put("NEXUS_HTTP_TLS_KEYSTORE", server.keyStore().toString());
		environment.put("NEXUS_HTTP_TLS_TRUSTSTORE", server.trustStore().toString());
		if (options.servicePorts().containsKey(CONSOLE)) {
			// People sign in for the console wherever it runs; the identity provider only redirects to a registered URI.
			environment.put("NEXUS_CONSOLE_REDIRECT_URI",
					"http://localhost:" + options.servicePorts().get(CONSOLE) + "/login/oauth2/code/nexus");
		}
		ChildProcess process = ChildProcess.start(IDENTITY_PROVIDER, command(options.identityProviderJar()),
				environment, options.projectRoot(), logFile(IDENTITY_PROVIDER));
		identityProvider = new RunningService(IDENTITY_PROVIDER, port, process);
	}

	private void startServices(List<Path> jars) {
		for (int i = 0; i < jars.size(); i++) {
			String service = options.services().get(i);
			int port = options.servicePorts().get(service);
			ChildProcess process = ChildProcess.start(service, command(jars.get(i)), environment(service, port),
					options.projectRoot(), logFile(service));
			services.put(service, new RunningService(service, port, process));
		}
		List<CompletableFuture<Void>> ready = new ArrayList<>();
		for (RunningService service : services.values()) {
			ready.add(CompletableFuture.runAsync(() -> {
				service.awaitReady(options.readinessTimeout());
				report(service.name() + " ready at " + service.url());
			}));
		}
		ready.forEach(LocalPlatform::join);
	}

	/**
	 * Starts one more instance of an API service on a free port, against the same PostgreSQL, Kafka and registry
	 * (and so in the same consumer groups), and returns its URL once it is ready. Meant for after start: the first
	 * instance has migrated the database and written any development keys the others share.
	 */
	public String startInstance(String service) {
		if (!API_SERVICES.contains(requireService(service))) {
			throw new IllegalArgumentException("Only API services run as several instances, not " + service);
		}
		List<RunningService> instances = moreInstances.computeIfAbsent(service, s -> new CopyOnWriteArrayList<>());
		RunningService instance;
		synchronized (instances) {
			String name = service + "-" + (instances.size() + 2);
			int port = Readiness.orFree(0);
			instance = new RunningService(name, port, ChildProcess.start(name, command(options.serviceJar(service)),
					environment(service, port), options.projectRoot(), options.dataDir().resolve("logs").resolve(name + ".log")));
			instances.add(instance);
		}
		instance.awaitReady(options.readinessTimeout());
		report(instance.name() + " ready at " + instance.url());
		return instance.url();
	}

	/** The base URLs of every running instance of a service, the first one first. */
	public List<String> serviceUrls(String service) {
		List<String> urls = new ArrayList<>(List.of(serviceUrl(service)));
		moreInstances.getOrDefault(service, List.of()).forEach(instance -> urls.add(instance.url()));
		return urls;
	}

	private Stream<RunningService> allInstances() {
		return Stream.concat(services.values().stream(), moreInstances.values().stream().flatMap(List::stream));
	}

	/**
	 * Ends a service's (first) process at once with SIGKILL, as a crash would: no shutdown hooks, no graceful
	 * drain. Start it again with {@link #restart(String)}.
	 */
	public void kill(String service) {
		running(service).process().kill();
		report(service + " killed (SIGKILL)");
	}

	/**
	 * Asks a service's (first) process to stop with SIGTERM, as an orchestrator does, and waits up to the grace
	 * period; returns whether it stopped in time (if not it was killed).
	 */
	public boolean terminate(String service, Duration grace) {
		boolean stopped = running(service).process().terminate(grace);
		report(service + (stopped ? " stopped (SIGTERM)" : " did not stop within " + grace.toSeconds() + " s; killed"));
		return stopped;
	}

	/** Freezes a service's (first) process with SIGSTOP: its consumers fall behind, its sockets stay open. */
	public void pause(String service) {
		running(service).process().suspend();
		report(service + " paused (SIGSTOP)");
	}

	/** Lets a paused service run on (SIGCONT). */
	public void resume(String service) {
		running(service).process().resume();
		report(service + " resumed (SIGCONT)");
	}

	/** Starts a service's (first) process again, stopping it first if it still runs; same port and environment. */
	public void restart(String service) {
		restart(service, extraEnvironment.getOrDefault(requireService(service), Map.of()));
	}

	/**
	 * Starts a service's (first) process again on its port with this environment added to its own (kept for later
	 * restarts), and returns once it is ready; a process still running is stopped first.
	 */
	public void restart(String service, Map<String, String> extra) {
		RunningService old = running(service);
		if (old.process().isAlive()) {
			old.process().close();
		}
		extraEnvironment.put(service, Map.copyOf(extra));
		Path jar = service.equals(IDENTITY_PROVIDER) ? options.identityProviderJar() : options.serviceJar(service);
		RunningService again = new RunningService(service, old.port(), ChildProcess.start(service, command(jar),
				environment(service, old.port()), options.projectRoot(), logFile(service)));
		synchronized (services) {
			services.put(service, again);
		}
		again.awaitReady(options.readinessTimeout());
		report(service + " ready again at " + again.url());
	}

	/** Whether a service's (first) process is running (a paused one is). */
	public boolean isRunning(String service) {
		return running(service).process().isAlive();
	}

	/** Stops the Kafka broker (a controlled shutdown); its data stays for {@link #startKafka()}. */
	public void stopKafka() {
		kafka.stop();
		report("Kafka stopped");
	}

	/** Starts the stopped Kafka broker again on its port with its data. */
	public void startKafka() {
		kafka.startAgain();
		report("Kafka ready again at " + kafka.bootstrapServers());
	}

	/** Stops PostgreSQL and starts it again on the same port with the same data, as a server restart does. */
	public synchronized void restartPostgres() {
		int port = postgres.port();
		stopPostgres();
		startPostgres(port);
	}

	/** Stops PostgreSQL; {@link #startPostgres(int)} starts it again on the same port and data. */
	public synchronized int stopPostgres() {
		int port = postgres.port();
		postgres.stop();
		report("PostgreSQL stopped");
		return port;
	}

	public synchronized void startPostgres(int port) {
		postgres = Postgres.start(options.dataDir().resolve("postgres"), port, options.durablePostgres());
		report("PostgreSQL ready again on port " + port);
	}

	private RunningService running(String service) {
		synchronized (services) {
			RunningService running = services.get(requireService(service));
			if (running == null) {
				throw new IllegalArgumentException(service + " is not one of the started services " + services.keySet());
			}
			return running;
		}
	}

	private List<String> command(Path jar) {
		List<String> command = new ArrayList<>(List.of(ChildProcess.javaExecutable()));
		command.addAll(options.serviceJvmOptions());
		command.addAll(List.of("-jar", jar.toString()));
		return command;
	}

	private Map<String, String> environment(String service, int port) {
		Map<String, String> environment = baseEnvironment(service, port);
		environment.putAll(options.serviceEnvironment().getOrDefault(service, Map.of()));
		return environment;
	}

	private Map<String, String> baseEnvironment(String service, int port) {
		if (service.equals(CONSOLE)) {
			return consoleEnvironment(port);
		}
		Database database = postgres.database(service.replace("-service", "").replace('-', '_'));
		Map<String, String> environment = new LinkedHashMap<>(Map.of("NEXUS_HTTP_PORT", String.valueOf(port),
				"NEXUS_DB_URL", database.jdbcUrl(), "NEXUS_DB_USERNAME", database.username(),
				"NEXUS_DB_PASSWORD", database.password(), "NEXUS_SCHEMA_REGISTRY_URL", registry.url(),
				"NEXUS_JWK_SET_URI", jwkSetUri(), "NEXUS_JWT_ISSUER_URI", issuerUri()));
		// Kafka as the service's own principal: its certificate, the ACLs of KafkaAccess.
		environment.putAll(kafka.connection(service).environment());
		// Operators' meters for a Prometheus on this machine (counts and codes only; no token needed).
		environment.put("NEXUS_ACTUATOR_EXPOSURE", "health,prometheus");
		if (service.equals("notification-service")) {
			// E-mail alerts to the function addresses, caught by the local mail server.
			environment.put("NEXUS_MAIL_ENABLED", "true");
			environment.put("NEXUS_SMTP_HOST", "127.0.0.1");
			environment.put("NEXUS_SMTP_PORT", String.valueOf(mail.smtpPort()));
			// The demo agencies whose systems read their notifications from a topic of their own, which the broker
			// created and granted them (KafkaAccess).
			environment.put("NEXUS_AGENCY_TOPICS", String.join(",", DemoClients.withAgencyTopics()));
			if (options.servicePorts().containsKey(CONSOLE)) {
				environment.put("NEXUS_CONSOLE_URL", "http://localhost:" + options.servicePorts().get(CONSOLE));
			}
		}
		if (service.equals("audit-service")) {
			// The development keys live with the rest of the local data, so a reset resets them too.
			environment.put("NEXUS_AUDIT_DEV_KEY_FILE",
					options.dataDir().resolve("audit").resolve("dev-signing-key").toString());
			environment.put("NEXUS_STATISTICS_DEV_KEY_FILE",
					options.dataDir().resolve("audit").resolve("dev-statistics-person-key").toString());
		}
		environment.putAll(extraEnvironment.getOrDefault(service, Map.of()));
		return environment;
	}

	/** The console needs no database or Kafka: only the identity provider and the services' URLs. */
	private Map<String, String> consoleEnvironment(int port) {
		Map<String, String> environment = new LinkedHashMap<>(Map.of("NEXUS_HTTP_PORT", String.valueOf(port),
				"NEXUS_JWT_ISSUER_URI", issuerUri()));
		Map<String, Integer> ports = options.servicePorts();
		API_SERVICES.stream().filter(ports::containsKey).forEach(service -> environment.put(
				"NEXUS_" + service.replace("-service", "").toUpperCase() + "_SERVICE_URL",
				"http://localhost:" + ports.get(service)));
		return environment;
	}

	private void report(String message) {
		progress.accept(String.format("[%5.1fs] %s", (System.nanoTime() - startNanos) / 1e9, message));
	}

	/** Seconds since start began. */
	public double elapsedSeconds() {
		return (System.nanoTime() - startNanos) / 1e9;
	}

	public Options options() {
		return options;
	}

	/** The base URL of a service, e.g. http://localhost:8081. */
	public String serviceUrl(String service) {
		return "http://localhost:" + options.servicePorts().get(requireService(service));
	}

	/** The file a service's (or the identity provider's) output goes to. */
	public Path logFile(String service) {
		String name = service.equals(IDENTITY_PROVIDER) ? service : requireService(service);
		return options.dataDir().resolve("logs").resolve(name + ".log");
	}

	/** The identity provider's base URL, also the iss of its tokens, e.g. http://localhost:8090. */
	public String issuerUri() {
		return identityProvider.url();
	}

	public String tokenUri() {
		return issuerUri() + "/oauth2/token";
	}

	/** The token endpoint on the identity provider's second port, where a system authenticates with its certificate. */
	public String mutualTlsTokenUri() {
		return "https://localhost:" + options.identityProviderTlsPort() + "/oauth2/token";
	}

	public String jwkSetUri() {
		return issuerUri() + "/oauth2/jwks";
	}

	/** A token from the identity provider for the agency's system (client credentials) with these roles. */
	public String token(String agency, String... roles) {
		return new ClientCredentials(tokenUri()).token(agency, roles);
	}

	/** The same, for the agency system's certificate over mutual TLS instead of the demo secret. */
	public String tokenByCertificate(String agency, String... roles) {
		return new ClientCredentials(mutualTlsTokenUri()).token(authority.issueClient(agency), roles);
	}

	/** The local mail server's IMAP port: each function address reads its mailbox with the address as user and password. */
	public int imapPort() {
		return mail.imapPort();
	}

	public int smtpPort() {
		return mail.smtpPort();
	}

	public String kafkaBootstrapServers() {
		return kafka.bootstrapServers();
	}

	/**
	 * How a Kafka client reaches the platform's broker as this principal: a service's, or the operator's tools'
	 * ({@code KafkaAccess.OPERATOR}: the fault suite, the benchmark driver), never anonymous.
	 */
	public KafkaConnection kafka(String principal) {
		return kafka.connection(principal);
	}

	/** The local certificate authority's folder: ca.crt and each principal's certificate and key. */
	public Path tlsDir() {
		return options.dataDir().resolve("tls");
	}

	public String schemaRegistryUrl() {
		return registry.url();
	}

	/** A database on the platform's PostgreSQL, created if missing. */
	public Database database(String name) {
		return postgres.database(name);
	}

	/** The services whose process has exited, with their exit codes. */
	public Map<String, Integer> exitedServices() {
		Map<String, Integer> exited = new LinkedHashMap<>();
		allInstances().filter(service -> !service.process().isAlive())
			.forEach(service -> exited.put(service.name(), service.process().exitValue()));
		return exited;
	}

	/** Stops the services (waiting for them), then the identity provider, registry, mail server, Kafka and PostgreSQL. */
	@Override
	public synchronized void close() {
		if (closed) {
			return;
		}
		closed = true;
		ShutdownHooks.unregister(this);
		// A thread per service, not the common pool: with two cores it has one thread, and would stop them one by one.
		List<Thread> stopping = allInstances().map(service -> {
			Thread stop = new Thread(service.process()::close, "stop-" + service.name());
			stop.start();
			return stop;
		}).toList();
		for (Thread stop : stopping) {
			try {
				stop.join();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		quietly(identityProvider, service -> service.process().close());
		quietly(registry, SchemaRegistry::stop);
		quietly(mail, MailServer::stop);
		quietly(kafka, KafkaBroker::stop);
		quietly(postgres, Postgres::stop);
	}

	private static <T> void quietly(T resource, Consumer<T> stop) {
		if (resource == null) {
			return;
		}
		try {
			stop.accept(resource);
		}
		catch (RuntimeException e) {
			System.err.println("Could not stop " + resource + ": " + e.getMessage());
		}
	}

	private String requireService(String service) {
		if (!options.servicePorts().containsKey(service)) {
			throw new IllegalArgumentException("Unknown service " + service + "; known: " + options.services());
		}
		return service;
	}

	private static <T> T join(CompletableFuture<T> future) {
		try {
			return future.join();
		}
		catch (CompletionException e) {
			throw e.getCause() instanceof RuntimeException cause ? cause : e;
		}
	}

	private static void createDirectories(Path dir) {
		try {
			Files.createDirectories(dir);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Thrown when a service's executable jar has not been built. */
	public static final class ServiceNotBuilt extends IllegalStateException {

		ServiceNotBuilt(String message) {
			super(message);
		}
	}

	/** A started service process. */
	record RunningService(String name, int port, ChildProcess process) {

		String url() {
			return "http://localhost:" + port;
		}

		void awaitReady(Duration timeout) {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (Readiness.status(url() + "/actuator/health/readiness") != 200) {
				if (!process.isAlive()) {
					throw new IllegalStateException(name + " exited with code " + process.exitValue()
							+ " before it was ready. Last lines of " + process.logFile() + ":\n" + process.logTail(40));
				}
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds()
							+ " s. Last lines of " + process.logFile() + ":\n" + process.logTail(40));
				}
				Readiness.pause();
			}
		}
	}

	/**
	 * How to start the platform: where the repository and data are, and the ports (0 = a free one).
	 * @param projectRoot the repository root, where each service's target/ folder is
	 * @param dataDir the data folder; kept between runs
	 * @param version the project version in the jar names
	 * @param services the services to run (a subset of {@link #SERVICES}, e.g. none to run only infrastructure)
	 * @param servicePorts the HTTP port of each service
	 * @param durablePostgres PostgreSQL with fsync and synchronous_commit on (the embedded default is both off)
	 * @param serviceEnvironment more environment variables for a service's processes, by service
	 */
	public record Options(Path projectRoot, Path dataDir, String version, int postgresPort, int kafkaPort,
			int registryPort, int identityProviderPort, int identityProviderTlsPort, List<String> services,
			Map<String, Integer> servicePorts,
			Duration readinessTimeout, List<String> serviceJvmOptions, int smtpPort, int imapPort,
			boolean durablePostgres, Map<String, Map<String, String>> serviceEnvironment) {

		public static final String DEFAULT_VERSION = "0.1.0-SNAPSHOT";

		/**
		 * For a developer's machine, where the platform mostly idles: quick to start (the client compiler only) and
		 * small (the serial collector, which gives unused heap back, from a small initial heap; a smaller code cache
		 * and thread stacks). A benchmark or a production host chooses its own.
		 */
		public static final List<String> LOCAL_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
				"-Xms32m", "-Xmx512m", "-Xss512k", "-XX:ReservedCodeCacheSize=64m");

		public Options {
			projectRoot = projectRoot.toAbsolutePath().normalize();
			dataDir = dataDir.toAbsolutePath().normalize();
			services = List.copyOf(services);
			servicePorts = Map.copyOf(servicePorts);
			serviceJvmOptions = List.copyOf(serviceJvmOptions);
			serviceEnvironment = Map.copyOf(serviceEnvironment);
		}

		/**
		 * The fixed local defaults: PostgreSQL 15432, Kafka 19092, registry 18081, identity provider 8090 (and 8443 for
		 * client certificates), services 8081-8083, console 8080.
		 */
		public static Options defaults(Path projectRoot, Path dataDir) {
			return new Options(projectRoot, dataDir, DEFAULT_VERSION, 15432, 19092, 18081, 8090, 8443, SERVICES,
					Map.of("referral-service", 8081, "notification-service", 8082, "audit-service", 8083, CONSOLE, 8080),
					Duration.ofSeconds(120), LOCAL_JVM_OPTIONS, 3025, 3143, false, Map.of());
		}

		/** Free ports everywhere, for tests. */
		public static Options onFreePorts(Path projectRoot, Path dataDir) {
			return defaults(projectRoot, dataDir).withPorts(0, 0, 0, 0).withIdentityProviderTlsPort(0).withMailPorts(0, 0)
				.withServicePorts(Map.of("referral-service", 0, "notification-service", 0, "audit-service", 0, CONSOLE, 0));
		}

		public Options withPorts(int postgres, int kafka, int registry, int identityProvider) {
			return new Options(projectRoot, dataDir, version, postgres, kafka, registry, identityProvider,
					identityProviderTlsPort, services, servicePorts, readinessTimeout, serviceJvmOptions, smtpPort, imapPort,
					durablePostgres, serviceEnvironment);
		}

		/** The identity provider's second port: HTTPS, a client certificate required (0 = a free one). */
		public Options withIdentityProviderTlsPort(int port) {
			return new Options(projectRoot, dataDir, version, postgresPort, kafkaPort, registryPort, identityProviderPort,
					port, services, servicePorts, readinessTimeout, serviceJvmOptions, smtpPort, imapPort, durablePostgres,
					serviceEnvironment);
		}

		/** The mail server's SMTP and IMAP ports (0 = a free one). */
		public Options withMailPorts(int smtp, int imap) {
			return new Options(projectRoot, dataDir, version, postgresPort, kafkaPort, registryPort, identityProviderPort,
					identityProviderTlsPort, services, servicePorts, readinessTimeout, serviceJvmOptions, smtp, imap,
					durablePostgres, serviceEnvironment);
		}

		public Options withServicePorts(Map<String, Integer> ports) {
			return new Options(projectRoot, dataDir, version, postgresPort, kafkaPort, registryPort, identityProviderPort,
					identityProviderTlsPort, services, ports, readinessTimeout, serviceJvmOptions, smtpPort, imapPort,
					durablePostgres, serviceEnvironment);
		}

		public Options withServices(List<String> only) {
			return new Options(projectRoot, dataDir, version, postgresPort, kafkaPort, registryPort, identityProviderPort,
					identityProviderTlsPort, only, servicePorts, readinessTimeout, serviceJvmOptions, smtpPort, imapPort,
					durablePostgres, serviceEnvironment);
		}

		public Options withVersion(String projectVersion) {
			return new Options(projectRoot, dataDir, projectVersion, postgresPort, kafkaPort, registryPort,
					identityProviderPort, identityProviderTlsPort, services, servicePorts, readinessTimeout,
					serviceJvmOptions, smtpPort, imapPort,
					durablePostgres, serviceEnvironment);
		}

		public Options withReadinessTimeout(Duration timeout) {
			return new Options(projectRoot, dataDir, version, postgresPort, kafkaPort, registryPort, identityProviderPort,
					identityProviderTlsPort, services, servicePorts, timeout, serviceJvmOptions, smtpPort, imapPort,
					durablePostgres, serviceEnvironment);
		}

		public Options withServiceJvmOptions(List<String> jvmOptions) {
			return new Options(projectRoot, dataDir, version, postgresPort, kafkaPort, registryPort, identityProviderPort,
					identityProviderTlsPort, services, servicePorts, readinessTimeout, jvmOptions, smtpPort, imapPort,
					durablePostgres, serviceEnvironment);
		}

		/** PostgreSQL with fsync and synchronous_commit on, as production runs it; the local stack leaves both off. */
		public Options withDurablePostgres(boolean durable) {
			return new Options(projectRoot, dataDir, version, postgresPort, kafkaPort, registryPort, identityProviderPort,
					identityProviderTlsPort, services, servicePorts, readinessTimeout, serviceJvmOptions, smtpPort, imapPort,
					durable, serviceEnvironment);
		}

		/** More environment variables for one service's processes (every instance), beside those set already. */
		public Options withServiceEnvironment(String service, Map<String, String> environment) {
			Map<String, Map<String, String>> more = new LinkedHashMap<>(serviceEnvironment);
			more.merge(service, Map.copyOf(environment), (before, added) -> {
				Map<String, String> merged = new LinkedHashMap<>(before);
				merged.putAll(added);
				return Map.copyOf(merged);
			});
			return new Options(projectRoot, dataDir, version, postgresPort, kafkaPort, registryPort, identityProviderPort,
					identityProviderTlsPort, services, servicePorts, readinessTimeout, serviceJvmOptions, smtpPort, imapPort,
					durablePostgres, more);
		}

		/** Where the identity provider's executable jar is expected, beside the services'. */
		public Path identityProviderJar() {
			return serviceJar(IDENTITY_PROVIDER);
		}

		/** Where a service's executable jar is expected: {@code <root>/<service>/target/<service>-<version>-exec.jar}. */
		public Path serviceJar(String service) {
			return projectRoot.resolve(service).resolve("target").resolve(service + "-" + version + "-exec.jar");
		}

		List<Path> requireServiceJars() {
			List<String> missing = Stream.concat(Stream.of(IDENTITY_PROVIDER), services.stream())
				.filter(service -> !Files.isRegularFile(serviceJar(service)))
				.toList();
			if (!missing.isEmpty()) {
				throw new ServiceNotBuilt("Service jar(s) not built: "
						+ String.join(", ", missing.stream().map(s -> projectRoot.relativize(serviceJar(s)).toString()).toList())
						+ "\nBuild them first: run `mvn -Plocal` from the repository root (" + projectRoot
						+ "); it builds every module without tests and then starts the platform.\nIf that is what just ran, "
						+ "check that each service's spring-boot-maven-plugin repackages with <classifier>exec</classifier>.");
			}
			return services.stream().map(this::serviceJar).toList();
		}

		Options resolvePorts() {
			Map<String, Integer> ports = new LinkedHashMap<>();
			services.forEach(service -> ports.put(service, Readiness.orFree(servicePorts.getOrDefault(service, 0))));
			// The infrastructure servers pick their own free ports for 0; processes need theirs before they start.
			return withServicePorts(ports).withPorts(postgresPort, kafkaPort, registryPort,
					Readiness.orFree(identityProviderPort)).withIdentityProviderTlsPort(Readiness.orFree(identityProviderTlsPort));
		}
	}

	@Override
	public String toString() {
		return "Local platform in " + options.dataDir() + " with " + services.keySet();
	}
}
