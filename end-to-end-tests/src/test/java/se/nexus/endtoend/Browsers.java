package se.nexus.endtoend;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The browsers a test opens; after a failed test each leaves a screenshot and its page under
 * {@code target/browser-failures/}, then all are closed. Without the system's Chromium the browser tests are skipped,
 * unless {@code NEXUS_BROWSER_TESTS_REQUIRED=true} (as in CI, which installs it) makes that a failure.
 */
final class Browsers implements BeforeEachCallback, AfterEachCallback {

    private static final Path FAILURES = Path.of("target", "browser-failures");

    private final List<Browser> open = new ArrayList<>();
    private Path workFolder;

    Browsers in(Path folder) {
        this.workFolder = folder;
        return this;
    }

    Browser open(String name) {
        Browser browser = Browser.open(name, workFolder);
        open.add(browser);
        return browser;
    }

    void close(Browser browser) {
        open.remove(browser);
        browser.close();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (Boolean.parseBoolean(System.getenv("NEXUS_BROWSER_TESTS_REQUIRED"))) {
            if (!Browser.available()) {
                throw new IllegalStateException("The browser tests are required, but there is no " + Browser.CHROMIUM
                    + " and " + Browser.CHROMEDRIVER + ": apt-get install chromium chromium-driver");
            }
            return;
        }
        assumeTrue(Browser.available(), "No Chromium at " + Browser.CHROMIUM + " with " + Browser.CHROMEDRIVER
            + ": the browser tests are skipped (apt-get install chromium chromium-driver to run them)");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            String prefix = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
            open.forEach(browser -> browser.saveEvidence(FAILURES, prefix));
        }
        open.forEach(Browser::close);
        open.clear();
    }
}
