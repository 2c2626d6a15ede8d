package se.nexus.infrastructure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Apicurio Registry run as a child process, with its Confluent-compatible API set to BACKWARD_TRANSITIVE. */
public final class SchemaRegistry implements AutoCloseable {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

	private final ChildProcess process;

	private final int port;

	private SchemaRegistry(ChildProcess process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Starts the registry with its log in workDir; port 0 picks free ports (else management is on port + 10);
	 * storage null keeps schemas in memory, otherwise in that PostgreSQL database.
	 */
	public static SchemaRegistry start(Path workDir, int port, Database storageOrNull) {
		int httpPort = Ports.orFree(port);
		int managementPort = port == 0 ? Ports.free() : port + 10;
		List<String> command = new ArrayList<>(List.of(ChildProcess.javaExecutable(), "-Xms32m", "-Xmx384m", "-XX:+UseSerialGC",
				"-Xss512k", "-XX:ReservedCodeCacheSize=64m",
				"-XX:TieredStopAtLevel=1", "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + httpPort,
				"-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=" + managementPort));
		if (storageOrNull != null) {
			command.addAll(List.of("-Dapicurio.storage.kind=sql", "-Dapicurio.storage.sql.kind=postgresql",
					"-Dapicurio.datasource.url=" + storageOrNull.jdbcUrl(),
					"-Dapicurio.datasource.username=" + storageOrNull.username()));
		}
		// The password goes through the environment so that it does not show in process listings.
		Map<String, String> environment = storageOrNull == null ? Map.of()
				: Map.of("APICURIO_DATASOURCE_PASSWORD", storageOrNull.password());
		Path jar = ApicurioDistribution.runnerJar();
		command.addAll(List.of("-jar", jar.toString()));
		Path dir = workDir.toAbsolutePath();
		ChildProcess process = ChildProcess.start("schema registry", command, environment, dir,
				dir.resolve("schema-registry.log"));
		SchemaRegistry registry = new SchemaRegistry(process, httpPort);
		try {
			registry.awaitReady();
			Http.requireBackwardTransitive(registry.url());
		}
		catch (RuntimeException e) {
			process.close();
			throw e;
		}
		return registry;
	}

	/** The Confluent-compatible API base URL, e.g. http://127.0.0.1:18081/apis/ccompat/v7. */
	public String url() {
		return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
	}

	public Path logFile() {
		return process.logFile();
	}

	public void stop() {
		process.close();
	}

	@Override
	public void close() {
		stop();
	}

	private void awaitReady() {
		long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
		while (Http.status(url() + "/subjects") != 200) {
			if (!process.isAlive()) {
				throw new IllegalStateException("Schema registry exited with " + process.exitValue() + "; log "
						+ process.logFile() + ":\n" + process.logTail(30));
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Schema registry not ready after " + STARTUP_TIMEOUT.toSeconds()
						+ " s; log " + process.logFile() + ":\n" + process.logTail(30));
			}
			sleep(100);
		}
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", e);
		}
	}

	@Override
	public String toString() {
		return "Schema registry " + url();
	}
}
