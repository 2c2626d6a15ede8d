package se.nexus.infrastructure;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Unpacks the Apicurio Registry archive once into a per-user cache folder, safely across concurrent JVMs. */
final class ApicurioDistribution {

	static final String VERSION = "3.0.9";

	private static final String NAME = "apicurio-registry-app-" + VERSION;

	private ApicurioDistribution() {
	}

	/** The runner jar, unpacked on first use. */
	static synchronized Path runnerJar() {
		Path target = Path.of(System.getProperty("user.home"), ".cache", "nexus", NAME);
		Path jar = target.resolve(NAME + "-runner.jar");
		if (Files.isRegularFile(jar)) {
			return jar;
		}
		unpack(archive(), target);
		return jar;
	}

	private static Path archive() {
		String configured = System.getProperty("nexus.apicurio.archive");
		Path archive = configured != null && !configured.isBlank() ? Path.of(configured)
				: Path.of(System.getProperty("user.home"), ".m2", "repository", "io", "apicurio", "apicurio-registry-app",
						VERSION, NAME + "-all.tar.gz");
		if (!Files.isRegularFile(archive)) {
			throw new IllegalStateException("Apicurio Registry archive not found at " + archive
					+ "; build the infrastructure module (mvn -pl infrastructure install) to fetch it, or set -Dnexus.apicurio.archive");
		}
		return archive;
	}

	private static void unpack(Path archive, Path target) {
		Path temp = target.resolveSibling(NAME + ".tmp-" + ProcessHandle.current().pid());
		try {
			Files.createDirectories(temp);
			extract(archive, temp);
			try {
				Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
				// Another JVM won the race; its copy is complete because it was renamed atomically.
				deleteRecursively(temp);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not unpack " + archive, e);
		}
	}

	private static void extract(Path archive, Path into) throws IOException {
		try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
				TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				Path out = into.resolve(entry.getName()).normalize();
				if (!out.startsWith(into)) {
					throw new IOException("Archive entry outside target: " + entry.getName());
				}
				if (entry.isDirectory()) {
					Files.createDirectories(out);
				}
				else {
					Files.createDirectories(out.getParent());
					Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

	private static void deleteRecursively(Path dir) throws IOException {
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}
}
