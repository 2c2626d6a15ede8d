package se.nexus.infrastructure;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;


/**
 * A real single-node Apache Kafka broker and KRaft controller running inside this JVM, reachable over mutual TLS only:
 * both listeners (the broker's and the controller's) take only clients with a certificate of the local authority,
 * the principal is the certificate's CN, and KRaft's StandardAuthorizer denies whatever {@link KafkaAccess} does not
 * grant. At each start the Nexus topics (with the demo agencies' topics) and ACLs are put in place, as the broker's
 * own principal (a super user).
 */
public final class KafkaBroker implements AutoCloseable {

	private static final String CONTROLLER = "CONTROLLER";

	private static final String LISTENER = "SSL";

	/** The principal is the CN of the client's certificate; any other subject keeps its full name (and no ACL). */
	static final String PRINCIPAL_MAPPING = "RULE:^CN=([^,]+)(,.*)?$/$1/,DEFAULT";

	private final Path dataDir;

	private final LocalCertificateAuthority authority;

	private final EventSigningKeys signingKeys;

	private final LocalCertificateAuthority.IssuedCertificate certificate;

	private final Map<String, KafkaConnection> connections = new ConcurrentHashMap<>();

	private final int port;

	private final int controllerPort;

	private KafkaRaftServer server;

	private KafkaBroker(Path dataDir, int port, int controllerPort, LocalCertificateAuthority authority) {
		this.dataDir = dataDir.toAbsolutePath();
		this.port = port;
		this.controllerPort = controllerPort;
		this.authority = authority;
		// Beside the authority's folder: the keys its clients sign their events with.
		this.signingKeys = EventSigningKeys.openOrCreate(authority.dir().resolveSibling("signing"));
		this.certificate = authority.issueServer(KafkaAccess.BROKER, List.of("127.0.0.1", "localhost"));
	}

	/**
	 * Starts a broker keeping its log in dataDir (formatted on first use); port 0 picks a free port. Its certificate
	 * and its clients' come from this authority.
	 */
	public static KafkaBroker start(Path dataDir, int port, LocalCertificateAuthority authority) {
		int brokerPort = Ports.orFree(port);
		KafkaBroker broker = new KafkaBroker(dataDir, brokerPort, freeOtherThan(brokerPort), authority);
		// Every principal's certificate on disk from the start: the services', the operator's and each demo agency
		// system's (an agency may read its own topic, if it has one, and nothing else).
		KafkaAccess.clients().forEach(broker::connection);
		DemoClients.agencies().forEach(broker::connection);
		broker.startServer();
		return broker;
	}

	/**
	 * A free port for the controller that is not the broker's: a port just probed free is free again at once, so two
	 * probes in a row can name the same one, and Kafka refuses two listeners on one port.
	 */
	private static int freeOtherThan(int taken) {
		int port = Ports.free();
		while (port == taken) {
			port = Ports.free();
		}
		return port;
	}

	public String bootstrapServers() {
		return "127.0.0.1:" + port;
	}

	public int port() {
		return port;
	}

	/** How a client reaches this broker as this principal (its certificate issued by the authority if need be). */
	public KafkaConnection connection(String principal) {
		return connections.computeIfAbsent(principal, name -> new KafkaConnection(bootstrapServers(),
				name.equals(KafkaAccess.BROKER) ? certificate : authority.issueClient(name), signingKeys.of(name)));
	}

	/** The keys the platform's events are signed with, next to the authority. */
	public EventSigningKeys signingKeys() {
		return signingKeys;
	}

	/** The authority whose certificates this broker trusts. */
	public LocalCertificateAuthority authority() {
		return authority;
	}

	/** Stops the broker; its data stays. */
	public synchronized void stop() {
		ShutdownHooks.unregister(this);
		if (server != null) {
			server.shutdown();
			server.awaitShutdown();
			server = null;
		}
	}

	/** Starts a stopped broker again on the same ports with the same data, and returns once it answers. */
	public synchronized void startAgain() {
		if (server == null) {
			startServer();
		}
	}

	/** Stops and starts the broker again on the same ports with the same data. */
	public synchronized void restart() {
		stop();
		startServer();
	}

	@Override
	public void close() {
		stop();
	}

	private synchronized void startServer() {
		KafkaConfig config = new KafkaConfig(properties(), false);
		format(config);
		KafkaRaftServer started = new KafkaRaftServer(config, Time.SYSTEM);
		started.startup();
		server = started;
		ShutdownHooks.register(this);
		awaitBrokerAnswersAndApplyAccess();
	}

	private Properties properties() {
		Properties props = new Properties();
		props.putAll(Map.ofEntries(
				Map.entry("process.roles", "broker,controller"),
				Map.entry("node.id", "1"),
				Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
				Map.entry("listeners", LISTENER + "://127.0.0.1:" + port + "," + CONTROLLER + "://127.0.0.1:" + controllerPort),
				Map.entry("advertised.listeners", LISTENER + "://127.0.0.1:" + port),
				Map.entry("listener.security.protocol.map", LISTENER + ":SSL," + CONTROLLER + ":SSL"),
				Map.entry("controller.listener.names", CONTROLLER),
				Map.entry("inter.broker.listener.name", LISTENER),
				// Mutual TLS on every listener: no certificate of the local authority, no connection.
				Map.entry("ssl.client.auth", "required"),
				Map.entry("ssl.keystore.type", "PEM"),
				Map.entry("ssl.keystore.location", certificate.keyStore().toString()),
				Map.entry("ssl.truststore.type", "PEM"),
				Map.entry("ssl.truststore.location", certificate.trustStore().toString()),
				Map.entry("ssl.principal.mapping.rules", PRINCIPAL_MAPPING),
				// Deny by default: only what KafkaAccess grants; the broker itself (its controller link) is a super user.
				Map.entry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer"),
				Map.entry("allow.everyone.if.no.acl.found", "false"),
				Map.entry("super.users", "User:" + KafkaAccess.BROKER),
				Map.entry("log.dirs", dataDir.toString()),
				Map.entry("num.partitions", "3"),
				Map.entry("auto.create.topics.enable", "true"),
				Map.entry("offsets.topic.replication.factor", "1"),
				// Fewer internal partitions make the first consumer group and transaction start much faster.
				Map.entry("offsets.topic.num.partitions", "5"),
				Map.entry("transaction.state.log.replication.factor", "1"),
				Map.entry("transaction.state.log.min.isr", "1"),
				Map.entry("transaction.state.log.num.partitions", "5"),
				Map.entry("share.coordinator.state.topic.replication.factor", "1"),
				Map.entry("share.coordinator.state.topic.min.isr", "1"),
				Map.entry("group.initial.rebalance.delay.ms", "0"),
				Map.entry("log.flush.interval.messages", "1")));
		return props;
	}

	private void format(KafkaConfig config) {
		if (Files.isRegularFile(dataDir.resolve("meta.properties"))) {
			return; // formatted before: keep its cluster id and data
		}
		try {
			Files.createDirectories(dataDir);
			new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
				.setNodeId(config.nodeId())
				.setClusterId(Uuid.randomUuid().toString())
				.setDirectories(List.of(dataDir.toString()))
				.setMetadataLogDirectory(dataDir.toString())
				.setControllerListenerName(CONTROLLER)
				.setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
				.run();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (Exception e) {
			throw new IllegalStateException("Could not format Kafka log dir " + dataDir, e);
		}
	}

	private void awaitBrokerAnswersAndApplyAccess() {
		try (Admin admin = Admin.create(connection(KafkaAccess.BROKER).properties())) {
			admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
			KafkaAccess.apply(admin, DemoClients.withAgencyTopics());
		}
		catch (RuntimeException e) {
			throw e;
		}
		catch (Exception e) {
			throw new IllegalStateException("Kafka broker on " + bootstrapServers() + " did not answer", e);
		}
	}

	@Override
	public String toString() {
		return "Kafka broker " + bootstrapServers() + " (mutual TLS)";
	}
}
