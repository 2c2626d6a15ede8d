package se.nexus.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class LocalPlatformOptionsTests {

	private final Path root = Path.of("/repo");

	@Test
	void usesTheDocumentedDefaultPorts() {
		LocalPlatform.Options options = LocalPlatform.Options.defaults(root, root.resolve(".nexus-local"));
		assertThat(options.postgresPort()).isEqualTo(15432);
		assertThat(options.kafkaPort()).isEqualTo(19092);
		assertThat(options.registryPort()).isEqualTo(18081);
		assertThat(options.identityProviderPort()).isEqualTo(8090);
		assertThat(options.identityProviderTlsPort()).isEqualTo(8443);
		assertThat(options.servicePorts()).containsEntry("referral-service", 8081)
			.containsEntry("notification-service", 8082)
			.containsEntry("audit-service", 8083);
	}

	@Test
	void findsEachServiceJarInItsTargetFolder() {
		LocalPlatform.Options options = LocalPlatform.Options.defaults(root, root.resolve(".nexus-local"));
		assertThat(options.serviceJar("audit-service"))
			.isEqualTo(Path.of("/repo/audit-service/target/audit-service-0.1.0-SNAPSHOT-exec.jar"));
	}

	@Test
	void namesTheMissingJarsAndHowToBuildThem() {
		LocalPlatform.Options options = LocalPlatform.Options.onFreePorts(root, root.resolve(".nexus-local"));
		assertThatThrownBy(options::requireServiceJars).isInstanceOf(LocalPlatform.ServiceNotBuilt.class)
			.hasMessageContaining("referral-service/target/referral-service-0.1.0-SNAPSHOT-exec.jar")
			.hasMessageContaining("audit-service/target/audit-service-0.1.0-SNAPSHOT-exec.jar")
			.hasMessageContaining("identity-provider/target/identity-provider-0.1.0-SNAPSHOT-exec.jar")
			.hasMessageContaining("mvn -Plocal");
	}

	@Test
	void picksFreePortsForServicesLeftAtZero() {
		LocalPlatform.Options options = LocalPlatform.Options.onFreePorts(root, root.resolve("data")).resolvePorts();
		assertThat(options.servicePorts().values()).allSatisfy(port -> assertThat(port).isPositive());
	}
}
