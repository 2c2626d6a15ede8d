package se.nexus.referral;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import se.nexus.support.test.ServiceArchitecture;

/**
 * Pins the layering with the rules every service keeps. The adapters are the messaging package and the REST
 * controllers next to their features; everything else is the domain.
 */
@AnalyzeClasses(packages = "se.nexus.referral", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    static final ServiceArchitecture SERVICE = ServiceArchitecture.of("se.nexus.referral", "messaging");

    @ArchTest
    static final ArchRule keepsTheRulesOfEveryService = SERVICE.all();
}
