package se.nexus.notification;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Pins the layering: the notification domain knows neither Kafka nor Avro nor how notifications leave the
 * service; messaging and webhooks depend on the domain, never the other way round.
 */
@AnalyzeClasses(packages = "se.nexus.notification", importOptions = ImportOption.DoNotIncludeTests.class)
class ModularityTests {

    @ArchTest
    static final ArchRule domainKnowsNoTransport = noClasses().that()
        .resideInAPackage("se.nexus.notification.notification..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.avro..", "org.springframework.kafka..",
            "org.apache.kafka..", "se.nexus.events..", "se.nexus.notification.messaging..",
            "se.nexus.notification.webhook..");

    @ArchTest
    static final ArchRule webhooksKnowNoKafka = noClasses().that()
        .resideInAPackage("se.nexus.notification.webhook..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.avro..", "org.springframework.kafka..",
            "org.apache.kafka..", "se.nexus.events..", "se.nexus.notification.messaging..");

    @ArchTest
    static final ArchRule noOtherServices = noClasses().that().resideInAPackage("se.nexus.notification..")
        .should().dependOnClassesThat().resideInAnyPackage("se.nexus.referral..", "se.nexus.audit..");
}
