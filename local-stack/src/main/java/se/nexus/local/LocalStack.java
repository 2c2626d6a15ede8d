package se.nexus.local;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import se.nexus.infrastructure.ParentWatch;

/** Console front end of the local platform: `mvn -Plocal` from the repository root starts everything until Ctrl-C. */
public final class LocalStack {

	private LocalStack() {
	}

	public static void main(String[] args) throws InterruptedException {
		Path root = Path.of(System.getProperty("nexus.project.root", ".")).toAbsolutePath().normalize();
		Path dataDir = Path.of(env("NEXUS_LOCAL_DATA", root.resolve(".nexus-local").toString())).toAbsolutePath();
		// Before the first logger exists: logging goes to a file so the console shows only progress.
		System.setProperty("nexus.local.log", dataDir.resolve("logs").resolve("local-stack.log").toString());
		System.setProperty("logback.configurationFile", "local-stack-logback.xml");
		// Stopped with Maven however Maven ends: Ctrl-C reaches both, but a SIGTERM, SIGHUP or kill -9 only Maven.
		ParentWatch.exitWhenParentExits();
		LocalPlatform.Options options = options(root, dataDir);
		System.out.println("Nexus local platform; data in " + dataDir + " (kept between runs; to start afresh, stop "
				+ "and delete that folder)");
		LocalPlatform platform;
		try {
			platform = LocalPlatform.start(options, System.out::println);
		}
		catch (RuntimeException e) {
			System.err.println();
			System.err.println("Could not start the local platform: " + e.getMessage());
			System.exit(1);
			return;
		}
		printReady(platform);
		watch(platform);
	}

	private static LocalPlatform.Options options(Path root, Path dataDir) {
		LocalPlatform.Options defaults = LocalPlatform.Options.defaults(root, dataDir);
		Map<String, Integer> servicePorts = new LinkedHashMap<>();
		for (String service : LocalPlatform.SERVICES) {
			String thing = service.replace("-service", "").toUpperCase();
			servicePorts.put(service, port(thing, defaults.servicePorts().get(service)));
		}
		return defaults
			.withPorts(port("POSTGRES", defaults.postgresPort()), port("KAFKA", defaults.kafkaPort()),
					port("REGISTRY", defaults.registryPort()), port("IDENTITY_PROVIDER", defaults.identityProviderPort()))
			.withIdentityProviderTlsPort(port("IDENTITY_PROVIDER_TLS", defaults.identityProviderTlsPort()))
			.withMailPorts(port("SMTP", defaults.smtpPort()), port("IMAP", defaults.imapPort()))
			.withServicePorts(servicePorts)
			.withVersion(System.getProperty("nexus.version", LocalPlatform.Options.DEFAULT_VERSION));
	}

	/** The port from NEXUS_LOCAL_<THING>_PORT, or the default. */
	private static int port(String thing, int defaultPort) {
		String name = "NEXUS_LOCAL_" + thing + "_PORT";
		String value = env(name, String.valueOf(defaultPort));
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException(name + " must be a port number, not " + value, e);
		}
	}

	private static String env(String name, String defaultValue) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? defaultValue : value;
	}

	private static void printReady(LocalPlatform platform) {
		String issuer = platform.issuerUri();
		StringBuilder text = new StringBuilder();
		text.append(String.format("%nNexus is ready after %.1f s.%n%n", platform.elapsedSeconds()));
		for (String service : platform.options().services()) {
			String url = platform.serviceUrl(service);
			if (service.equals(LocalPlatform.CONSOLE)) {
				text.append(String.format("  %-21s %s   (open it in a browser)   log %s%n", service, url,
						platform.logFile(service)));
			}
			else {
				text.append(String.format("  %-21s %s   OpenAPI %s/v3/api-docs   log %s%n", service, url, url,
						platform.logFile(service)));
			}
		}
		text.append(String.format("  %-21s %s/oauth2/token   (keys %s/oauth2/jwks)   log %s%n", "identity provider",
				issuer, issuer, platform.logFile(LocalPlatform.IDENTITY_PROVIDER)));
		text.append(String.format("  %-21s %s   (HTTPS, an agency system's certificate required)%n", "",
				platform.mutualTlsTokenUri()));
		text.append(String.format("  %-21s SMTP localhost:%d, IMAP localhost:%d (user name and password: the function "
				+ "address; mail is kept until the platform stops)%n", "mail server", platform.smtpPort(), platform.imapPort()));
		text.append(String.format("  %-21s %s   (mutual TLS only; CA and certificates in %s)%n", "Kafka",
				platform.kafkaBootstrapServers(), platform.tlsDir()));
		text.append(String.format("  %-21s %s%n", "schema registry", platform.schemaRegistryUrl()));
		text.append(String.format("  %-21s %s (user postgres)%n", "PostgreSQL", platform.database("postgres").jdbcUrl()));
		text.append(String.format("%nDemo clients: client id = agency id, secret demo-secret; roles CASEWORKER and "
				+ "COORDINATOR (+ AUDITOR for se.uppsala.nexus); se.lansstyrelsen.uppsala: AUDITOR and FOLLOW_UP (statistics).%nDemo people "
				+ "sign in to the console: <role in lower case>@<agency id>, e.g. caseworker@se.uppsala.socialtjanst, "
				+ "coordinator@se.uppsala.nexus or follow_up@se.lansstyrelsen.uppsala (statistics), password demo-password.%nGet a token for an agency's system:%n%n"));
		text.append("  TOKEN=$(curl -s -u se.uppsala.socialtjanst:demo-secret -d grant_type=client_credentials "
				+ "-d scope=CASEWORKER " + issuer + "/oauth2/token | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')\n");
		String first = platform.options().services().stream().filter(LocalPlatform.API_SERVICES::contains).findFirst()
			.orElse(null);
		if (first != null) {
			text.append("  curl -H \"Authorization: Bearer $TOKEN\" " + platform.serviceUrl(first) + "/v3/api-docs\n");
		}
		text.append(String.format("%nOr with the system's certificate instead of the secret (mutual TLS; a signed JWT works too, "
				+ "see the README):%n%n"));
		String pem = platform.tlsDir().resolve("se.uppsala.socialtjanst.pem").toString();
		text.append("  TOKEN=$(curl -s --cacert " + platform.tlsDir().resolve("ca.crt") + " --cert " + pem
				+ " -d grant_type=client_credentials -d client_id=se.uppsala.socialtjanst -d scope=CASEWORKER "
				+ platform.mutualTlsTokenUri() + " | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')\n");
		text.append(String.format("%nPress Ctrl-C to stop everything.%n"));
		System.out.print(text);
	}

	/** Reports services that die; the rest keep running until Ctrl-C, whose shutdown hook stops everything. */
	private static void watch(LocalPlatform platform) throws InterruptedException {
		Set<String> reported = new HashSet<>();
		while (true) {
			platform.exitedServices().forEach((service, code) -> {
				if (reported.add(service)) {
					System.err.printf("%s stopped unexpectedly (exit code %d); see %s%n", service, code,
							platform.logFile(service));
				}
			});
			Thread.sleep(2000);
		}
	}
}
