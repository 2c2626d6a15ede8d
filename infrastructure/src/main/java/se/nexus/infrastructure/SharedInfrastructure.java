package se.nexus.infrastructure;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/** The one infrastructure per JVM that all tests share: containers where Docker answers, embedded servers otherwise. */
public final class SharedInfrastructure {

	private static final Logger log = LoggerFactory.getLogger(SharedInfrastructure.class);

	private static Infrastructure instance;

	private SharedInfrastructure() {
	}

	/** Starts the infrastructure on first call and returns the same one afterwards; it stops at JVM exit. */
	public static synchronized Infrastructure get() {
		if (instance == null) {
			long start = System.nanoTime();
			boolean containers = useContainers();
			Infrastructure started = containers ? ContainerInfrastructure.start() : EmbeddedInfrastructure.start();
			ShutdownHooks.register(started);
			log.info("Started shared infrastructure in {} ms: {}", (System.nanoTime() - start) / 1_000_000, started);
			instance = started;
		}
		return instance;
	}

	private static boolean useContainers() {
		String mode = System.getProperty("nexus.infrastructure", "");
		if ("embedded".equals(mode)) {
			log.info("Using embedded infrastructure (-Dnexus.infrastructure=embedded)");
			return false;
		}
		boolean docker = isDockerAvailable();
		log.info(docker ? "Docker is available: using Testcontainers" : "No Docker: using embedded infrastructure");
		return docker;
	}

	private static boolean isDockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError e) {
			return false;
		}
	}
}
