package se.nexus.notification;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import se.nexus.support.test.ServiceArchitecture;

/**
 * Pins the layering with the rules every service keeps. The adapters are messaging, webhooks, e-mail, the REST
 * controllers and the server-sent-events stream, which writes to open HTTP responses; everything else is the
 * domain.
 */
@AnalyzeClasses(packages = "se.nexus.notification", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    static final ServiceArchitecture SERVICE = ServiceArchitecture.of("se.nexus.notification", "messaging", "webhook", "mail")
        .withAdapterClass("notification.NotificationStream");

    @ArchTest
    static final ArchRule keepsTheRulesOfEveryService = SERVICE.all();

    @ArchTest
    static final ArchRule webhooksKnowNoMessaging = noClasses().that().resideInAPackage("se.nexus.notification.webhook..")
        .should().dependOnClassesThat().resideInAPackage("se.nexus.notification.messaging..")
        .because("webhooks deliver what the inbox holds, whichever way it arrived");
}
