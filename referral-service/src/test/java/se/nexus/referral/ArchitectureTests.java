package se.nexus.referral;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Pins the layering: Kafka and Avro stay in the messaging package, and services never use each other. */
class ArchitectureTests {

    static final JavaClasses CLASSES = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("se.nexus.referral");

    @Test
    void onlyTheMessagingPackageKnowsKafkaAndTheAvroContracts() {
        noClasses().that().resideOutsideOfPackage("se.nexus.referral.messaging..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.avro..", "org.springframework.kafka..",
                "org.apache.kafka..", "se.nexus.events..")
            .check(CLASSES);
    }

    @Test
    void theServiceDoesNotUseAnotherService() {
        noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("se.nexus.notification..", "se.nexus.audit..")
            .check(CLASSES);
    }
}
