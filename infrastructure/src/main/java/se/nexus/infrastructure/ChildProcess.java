package se.nexus.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child process whose output goes to a log file; it is destroyed (and waited for) when closed or at JVM exit.
 */
public final class ChildProcess implements AutoCloseable {

	private final String name;

	private final Process process;

	private final Path logFile;

	private ChildProcess(String name, Process process, Path logFile) {
		this.name = name;
		this.process = process;
		this.logFile = logFile;
	}

	/**
	 * Starts a command in its own session where possible (so Ctrl-C in the terminal does not reach it and the
	 * owner decides the stopping order), appending its output to the log file.
	 */
	public static ChildProcess start(String name, List<String> command, Map<String, String> environment,
			Path workingDir, Path logFile) {
		try {
			Files.createDirectories(logFile.toAbsolutePath().getParent());
			List<String> full = new ArrayList<>();
			if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
				full.add("/usr/bin/setsid");
			}
			full.addAll(command);
			ProcessBuilder builder = new ProcessBuilder(full).directory(workingDir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
			builder.environment().putAll(environment);
			ChildProcess child = new ChildProcess(name, builder.start(), logFile);
			ShutdownHooks.register(child);
			return child;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not start " + name + ": " + command, e);
		}
	}

	/** The java executable of this JVM. */
	public static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	public long pid() {
		return process.pid();
	}

	public boolean isAlive() {
		return process.isAlive();
	}

	public int exitValue() {
		return process.exitValue();
	}

	public Path logFile() {
		return logFile;
	}

	/** The last lines of the log file, for error messages. */
	public String logTail(int lines) {
		return tail(logFile, lines);
	}

	static String tail(Path file, int lines) {
		try {
			List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
			return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException | UncheckedIOException e) {
			return "(no log at " + file + ")";
		}
	}

	/** Ends the process at once (SIGKILL), as a crash or the kernel's OOM killer would, and waits until it is gone. */
	public void kill() {
		ShutdownHooks.unregister(this);
		process.destroyForcibly();
		awaitExit(Duration.ofSeconds(30));
	}

	/**
	 * Asks the process to stop (SIGTERM), as an orchestrator does before it replaces an instance, and waits up to
	 * the grace period; a process still running then is killed. Returns whether it stopped within the grace period.
	 */
	public boolean terminate(Duration grace) {
		ShutdownHooks.unregister(this);
		process.destroy();
		if (awaitExit(grace)) {
			return true;
		}
		kill();
		return false;
	}

	/** Freezes the process (SIGSTOP): it keeps its sockets and sessions but answers nothing, like a stalled JVM. */
	public void suspend() {
		signal("STOP");
	}

	/** Lets a frozen process run on (SIGCONT). */
	public void resume() {
		signal("CONT");
	}

	private void signal(String signal) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start();
			if (kill.waitFor() != 0) {
				throw new IllegalStateException("Could not send SIG" + signal + " to " + this);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not send SIG" + signal + " to " + this, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private boolean awaitExit(Duration timeout) {
		try {
			return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Asks the process to stop, waits up to 30 seconds, then kills it. */
	@Override
	public void close() {
		ShutdownHooks.unregister(this);
		if (!process.isAlive()) {
			return;
		}
		process.destroy();
		try {
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException e) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public String toString() {
		return name + " (pid " + process.pid() + ")";
	}
}
