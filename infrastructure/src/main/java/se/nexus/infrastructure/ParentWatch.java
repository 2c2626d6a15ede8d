package se.nexus.infrastructure;

/**
 * Ends this JVM when the process that started it has ended, so that its shutdown hooks stop every child process it
 * started. Maven does not pass a SIGTERM, a SIGHUP or its own {@code kill -9} on to the program it runs, which would
 * otherwise keep the services, the broker, the registry and PostgreSQL running with their ports held.
 */
public final class ParentWatch {

	private ParentWatch() {
	}

	/** Watches the parent process, if there is one, and exits with status 1 once it has ended. */
	public static void exitWhenParentExits() {
		// System.exit runs on a thread of its own: it waits for the shutdown hooks, which may need the common pool
		// whose thread completed onExit (with two cores that pool has a single thread, and the stop took 90 s).
		ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> new Thread(() -> {
			System.err.println("The process that started this one (pid " + parent.pid() + ") has ended: stopping.");
			System.exit(1);
		}, "parent-exited").start()));
	}
}
