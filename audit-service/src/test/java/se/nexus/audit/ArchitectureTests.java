package se.nexus.audit;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import se.nexus.support.test.ServiceArchitecture;

/**
 * Pins the layering with the rules every service keeps. The adapters are the messaging and web packages; the
 * log, its checkpoints, export and verification are the domain.
 */
@AnalyzeClasses(packages = "se.nexus.audit", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    static final ServiceArchitecture SERVICE = ServiceArchitecture.of("se.nexus.audit", "messaging", "web");

    @ArchTest
    static final ArchRule keepsTheRulesOfEveryService = SERVICE.all();
}
