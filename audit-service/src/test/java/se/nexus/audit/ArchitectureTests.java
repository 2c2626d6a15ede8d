package se.nexus.audit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTests {

    private final JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("se.nexus.audit");

    @Test
    void onlyMessagingKnowsKafkaAndAvro() {
        noClasses().that().resideOutsideOfPackage("se.nexus.audit.messaging..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.avro..", "org.apache.kafka..",
                "org.springframework.kafka..")
            .check(classes);
    }
}
