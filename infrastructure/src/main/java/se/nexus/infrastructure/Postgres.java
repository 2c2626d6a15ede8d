package se.nexus.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A real PostgreSQL server (embedded binaries) run as a child process. */
public final class Postgres implements AutoCloseable {

	private static final String USER = "postgres";

	private final EmbeddedPostgres postgres;

	private Postgres(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	/** Starts PostgreSQL; a null dataDir means temporary data removed on stop, port 0 a free port. */
	public static Postgres start(Path dataDirOrNull, int port) {
		return start(dataDirOrNull, port, false);
	}

	/**
	 * Starts PostgreSQL, durable or not. The embedded server's defaults turn fsync and synchronous_commit off,
	 * which is fine for tests and the local stack; durable turns both back on, as a production server runs, so
	 * that a benchmark pays for every commit what production would.
	 */
	public static Postgres start(Path dataDirOrNull, int port, boolean durable) {
		try {
			Path logFile = logFile(dataDirOrNull);
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setPort(Ports.orFree(port))
				.setRegisterShutdownHook(false)
				.setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
				.setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
			if (durable) {
				builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
			}
			if (dataDirOrNull != null) {
				Files.createDirectories(dataDirOrNull);
				builder.setDataDirectory(dataDirOrNull.toAbsolutePath()).setCleanDataDirectory(false);
			}
			Postgres started = new Postgres(builder.start());
			ShutdownHooks.register(started);
			return started;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not start PostgreSQL", e);
		}
	}

	private static Path logFile(Path dataDirOrNull) throws IOException {
		if (dataDirOrNull == null) {
			Path base = Path.of(System.getProperty("java.io.tmpdir"));
			Files.createDirectories(base);
			Path file = Files.createTempFile(base, "postgres", ".log");
			file.toFile().deleteOnExit();
			return file;
		}
		Path file = dataDirOrNull.toAbsolutePath().resolveSibling("logs").resolve("postgres.log");
		Files.createDirectories(file.getParent());
		return file;
	}

	public int port() {
		return postgres.getPort();
	}

	/** Returns the database with this name, creating it first if it does not exist. */
	public synchronized Database database(String name) {
		if (!name.matches("[a-z][a-z0-9_]*")) {
			throw new IllegalArgumentException("Database names are lower case letters, digits and _: " + name);
		}
		try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
			if (!exists(connection, name)) {
				try (Statement create = connection.createStatement()) {
					create.execute("CREATE DATABASE " + name);
				}
			}
		}
		catch (SQLException e) {
			throw new IllegalStateException("Could not create database " + name, e);
		}
		return new Database("jdbc:postgresql://localhost:" + port() + "/" + name, USER, USER);
	}

	private static boolean exists(Connection connection, String name) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			query.setString(1, name);
			try (ResultSet result = query.executeQuery()) {
				return result.next();
			}
		}
	}

	public void stop() {
		ShutdownHooks.unregister(this);
		try {
			postgres.close();
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not stop PostgreSQL", e);
		}
	}

	@Override
	public void close() {
		stop();
	}

	@Override
	public String toString() {
		return "PostgreSQL on port " + port();
	}
}
