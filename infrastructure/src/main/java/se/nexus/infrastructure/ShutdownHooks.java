package se.nexus.infrastructure;

import java.util.ArrayDeque;
import java.util.Deque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stops registered resources at JVM exit in reverse order of registration, so later (dependent) ones stop first. */
public final class ShutdownHooks {

	private static final Logger log = LoggerFactory.getLogger(ShutdownHooks.class);

	private static final Deque<AutoCloseable> resources = new ArrayDeque<>();

	private static boolean installed;

	private ShutdownHooks() {
	}

	/** Registers a resource to close at JVM exit; closing it must be idempotent. */
	public static synchronized void register(AutoCloseable resource) {
		if (!installed) {
			Runtime.getRuntime().addShutdownHook(new Thread(ShutdownHooks::closeAll, "nexus-shutdown"));
			installed = true;
		}
		resources.push(resource);
	}

	/** Forgets a resource that was closed normally. */
	public static synchronized void unregister(AutoCloseable resource) {
		resources.remove(resource);
	}

	private static void closeAll() {
		AutoCloseable next;
		while ((next = poll()) != null) {
			try {
				next.close();
			}
			catch (Exception e) {
				log.warn("Could not stop {} at exit", next, e);
			}
		}
	}

	private static synchronized AutoCloseable poll() {
		return resources.poll();
	}
}
