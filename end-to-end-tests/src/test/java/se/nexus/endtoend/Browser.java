package se.nexus.endtoend;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One person's browser: the system's Chromium (Debian's chromium and chromium-driver; nothing is downloaded), headless,
 * with a fresh profile. Every URL it visits is remembered, so a test can say that none carried personal data.
 */
final class Browser implements AutoCloseable {

    /** Where the system's browser and driver are; overridable for other systems. */
    static final String CHROMIUM = System.getenv().getOrDefault("NEXUS_CHROMIUM", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getenv().getOrDefault("NEXUS_CHROMEDRIVER", "/usr/bin/chromedriver");

    /** The WCAG 2.1 levels the console must meet: A and AA. */
    private static final List<String> WCAG_A_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    final String name;
    final ChromeDriver driver;
    private final Path profile;
    private final List<String> visited = new ArrayList<>();

    private Browser(String name, ChromeDriver driver, Path profile) {
        this.name = name;
        this.driver = driver;
        this.profile = profile;
    }

    static boolean available() {
        return new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
    }

    static Browser open(String name, Path workFolder) {
        try {
            Path profile = Files.createTempDirectory(workFolder, "chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1024", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Browser(name, driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void go(String url) {
        driver.get(url);
        noteUrl();
    }

    /** Signs in at the identity provider's page, where the console sends a person who is not signed in. */
    void signIn(String consoleUrl, String username) {
        go(consoleUrl + "/oauth2/authorization/nexus");
        wait(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys("demo-password");
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        wait(ExpectedConditions.urlContains(consoleUrl));
        noteUrl();
    }

    void click(By by) {
        driver.findElement(by).click();
        noteUrl();
    }

    /** Clicks the button whose visible text is exactly this. */
    void press(String buttonText) {
        click(By.xpath("//button[normalize-space(.)='" + buttonText + "'] | //a[normalize-space(.)='" + buttonText + "']"));
    }

    void type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** Sets a field's value as a script would: for date fields, whose typing depends on the browser's locale. */
    void set(String id, String value) {
        driver.executeScript("arguments[0].value = arguments[1];", driver.findElement(By.id(id)), value);
    }

    void choose(String id, String value) {
        new Select(driver.findElement(By.id(id))).selectByValue(value);
    }

    /** Ticks the checkbox or radio button with this value in the group named so. */
    void tick(String name, String value) {
        WebElement box = driver.findElement(By.cssSelector("input[name='" + name + "'][value='" + value + "']"));
        if (!box.isSelected()) {
            box.click();
        }
    }

    /** The element's text once the page has it: a click that submitted a form may still be loading the next page. */
    String text(By by) {
        return wait(ExpectedConditions.presenceOfElementLocated(by)).getText();
    }

    String heading() {
        return text(By.tagName("h1"));
    }

    <T> T wait(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(condition);
    }

    /** Asserts that axe finds no WCAG 2.1 A or AA violation on the page as it is now. */
    void assertAccessible() {
        Results results = new AxeBuilder().withTags(WCAG_A_AA).analyze(driver);
        List<Rule> violations = results.getViolations();
        assertThat(violations).as("axe violations on %s:%n%s", driver.getCurrentUrl(), describe(violations)).isEmpty();
    }

    private static String describe(List<Rule> violations) {
        return violations.stream()
            .map(rule -> rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at " + rule.getNodes()
                .stream().map(node -> String.valueOf(node.getTarget())).collect(Collectors.joining(", ")))
            .collect(Collectors.joining("\n"));
    }

    List<String> visitedUrls() {
        noteUrl();
        return List.copyOf(visited);
    }

    private void noteUrl() {
        visited.add(driver.getCurrentUrl());
    }

    /** A screenshot and the page's HTML, for a test that failed. */
    void saveEvidence(Path folder, String prefix) {
        try {
            Files.createDirectories(folder);
            Files.write(folder.resolve(prefix + "-" + name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            Files.writeString(folder.resolve(prefix + "-" + name + ".html"), driver.getPageSource());
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not save the evidence of " + name + ": " + e.getMessage());
        }
    }

    /** A PNG of the page, e.g. for the README. */
    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException | UncheckedIOException ignored) {
                // A profile left in target/ is harmless.
            }
        }
    }
}
