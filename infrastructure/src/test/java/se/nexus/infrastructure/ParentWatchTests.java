package se.nexus.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launcher that watches its parent stops, and stops what it started, when that parent is killed with -9: the case of
 * {@code mvn -Plocal} killed, which never passes the signal on. Real processes: a shell as the parent, a JVM as the
 * launcher, and a long sleep as the launcher's child.
 */
class ParentWatchTests {

	@TempDir
	Path dir;

	private Process shell;

	@AfterEach
	void cleanUp() throws IOException {
		if (shell != null) {
			shell.destroyForcibly();
		}
		for (String file : List.of("launcher.pid", "child.pid")) {
			Path pid = dir.resolve(file);
			if (Files.exists(pid)) {
				ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).ifPresent(ProcessHandle::destroyForcibly);
			}
		}
	}

	@Test
	void whenTheParentIsKilledTheLauncherAndItsChildrenStop() throws Exception {
		String launcher = String.join(" ", ChildProcess.javaExecutable(), "-cp", "'" + classPath() + "'",
				"'" + Launcher.class.getName() + "'", "'" + dir + "'");
		shell = new ProcessBuilder("bash", "-c", launcher + " & echo $! > '" + dir.resolve("launcher.pid") + "'; wait")
			.redirectErrorStream(true).redirectOutput(dir.resolve("shell.log").toFile()).start();
		long launcherPid = awaitPid("launcher.pid");
		long childPid = awaitPid("child.pid");
		assertThat(alive(launcherPid)).isTrue();
		assertThat(alive(childPid)).isTrue();

		shell.destroyForcibly().waitFor();

		await("the launcher stops").atMost(Duration.ofSeconds(60)).until(() -> !alive(launcherPid));
		await("the launcher's child stops").atMost(Duration.ofSeconds(60)).until(() -> !alive(childPid));
	}

	private long awaitPid(String file) {
		Path path = dir.resolve(file);
		await(file).atMost(Duration.ofSeconds(60)).until(() -> Files.exists(path) && !Files.readString(path).isBlank()
				&& Files.readString(path).endsWith("\n"));
		try {
			return Long.parseLong(Files.readString(path).trim());
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	/** Where the launcher's classes are: this module's and SLF4J's (surefire's own class path is a manifest jar). */
	private static String classPath() throws Exception {
		List<String> entries = new java.util.ArrayList<>();
		for (Class<?> type : List.of(ParentWatch.class, Launcher.class, org.slf4j.LoggerFactory.class)) {
			entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
		}
		return String.join(java.io.File.pathSeparator, entries);
	}

	private static boolean alive(long pid) {
		return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

	/** What the local stack does: start a child process, watch its parent, then run until stopped. */
	public static final class Launcher {

		public static void main(String[] args) throws Exception {
			Path dir = Path.of(args[0]);
			ParentWatch.exitWhenParentExits();
			ChildProcess child = ChildProcess.start("sleeper", List.of("sleep", "600"), Map.of(), dir,
					dir.resolve("sleeper.log"));
			Files.writeString(dir.resolve("child.pid"), child.pid() + "\n");
			Thread.sleep(Long.MAX_VALUE);
		}
	}
}
