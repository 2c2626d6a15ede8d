package se.nexus.endtoend;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import se.nexus.local.LocalPlatform;
import se.nexus.support.test.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The county board's follow-up in a real browser on the whole platform: after real traffic, the person signs in and
 * reads the month's figures as charts and tables (WCAG 2.1 AA by axe), downloads them as CSV, and opens the report
 * for the committee as a page and as a PDF; no page holds a subject ref.
 */
class StatisticsBrowserEndToEndTests {

    static final String SOCIAL_SERVICES = "se.uppsala.socialtjanst";
    static final String POLICE = "se.polisen.region-mitt";
    static final String COUNTY_BOARD = "se.lansstyrelsen.uppsala";

    @RegisterExtension
    final Browsers browsers = new Browsers().in(SharedPlatform.workFolder("statistics-browsers"));

    static final ApiClient api = new ApiClient();

    static LocalPlatform platform;
    static String console;

    @BeforeAll
    static void platform() {
        platform = SharedPlatform.get();
        console = platform.serviceUrl(LocalPlatform.CONSOLE);
    }

    @Test
    void theCountyBoardReadsTheFiguresAsChartsAndTablesDownloadsThemAndReportsToTheCommittee() throws Exception {
        List<String> subjects = new ArrayList<>();
        String last = null;
        for (int i = 0; i < 6; i++) {
            String subject = "P-" + UUID.randomUUID().toString().substring(0, 8);
            subjects.add(subject);
            last = Referrals.accepted(platform, SOCIAL_SERVICES, subject, "URGENT");
        }
        // Six immediate ones from the police, two of them for the same person: counts at or over the threshold.
        for (int i = 0; i < 5; i++) {
            String subject = "P-" + UUID.randomUUID().toString().substring(0, 8);
            subjects.add(subject);
            last = Referrals.accepted(platform, POLICE, subject, "IMMEDIATE");
        }
        last = Referrals.accepted(platform, POLICE, subjects.get(subjects.size() - 1), "IMMEDIATE");
        JsonNode figures = figuresOnceProjected(last);

        Browser followUp = browsers.open("follow-up");
        followUp.signIn(console, "follow_up@" + COUNTY_BOARD);
        assertThat(followUp.driver.getCurrentUrl()).contains("/statistics");
        assertThat(followUp.heading()).isEqualTo("Statistik");
        followUp.wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#table-referrals svg rect")));
        followUp.assertAccessible();
        followUp.screenshot(ConsoleBrowserEndToEndTests.SCREENSHOTS.resolve("statistics.png"));

        // The page shows what the service published, hidden figures as "..", and no person.
        JsonNode referrals = table(figures, "referrals");
        assertThat(digits(followUp.text(By.cssSelector("#table-referrals tfoot td:last-child"))))
            .isEqualTo(published(referrals.get("total")));
        String month = YearMonth.now(ZoneId.of("Europe/Stockholm")).toString();
        int row = indexOf(referrals.get("rows"), month);
        int immediate = indexOf(referrals.get("columns"), "IMMEDIATE");
        JsonNode cell = referrals.get("cells").get(row).get(immediate);
        String shown = followUp.text(By.cssSelector(
            "#table-referrals tbody tr:nth-child(" + (row + 1) + ") td:nth-of-type(" + (immediate + 1) + ")"));
        assertThat(shown).isEqualTo(cell.get("suppressed").asBoolean() ? ".." : published(cell));
        String page = followUp.driver.getPageSource();
        assertThat(subjects).noneMatch(page::contains);
        assertThat(page).contains("Små tal visas inte");

        // Grouped by who sent them: the police's column is there.
        new Select(followUp.driver.findElement(By.id("groupBy"))).selectByValue("sendingAgencyKind");
        followUp.press("Visa");
        followUp.wait(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#table-referrals thead"), "Polis"));
        followUp.assertAccessible();

        // The same figures as CSV, with the person's own session.
        HttpResponse<String> csv = download(followUp, followUp.driver.findElement(By.id("csv")).getAttribute("href"));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body().lines().findFirst()).hasValue("table,row,column,value");
        assertThat(csv.body()).contains("referrals," + month + ",POLICE,");
        assertThat(subjects).noneMatch(csv.body()::contains);

        // The report for the committee, printable, and as a PDF.
        followUp.click(By.id("report"));
        assertThat(followUp.heading()).startsWith("Arbetet mot hedersrelaterat våld och förtryck");
        assertThat(followUp.text(By.id("report-figures"))).contains("Remisser från polisen").contains("Personer som remitterats");
        followUp.assertAccessible();
        followUp.screenshot(ConsoleBrowserEndToEndTests.SCREENSHOTS.resolve("report.png"));
        HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(withSession(followUp,
            followUp.driver.findElement(By.id("pdf")).getAttribute("href")), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

        // A wrong month is a field error on the form; English is selectable.
        followUp.go(console + "/statistics?from=2026-13");
        followUp.wait(ExpectedConditions.presenceOfElementLocated(By.id("error-summary")));
        assertThat(followUp.driver.findElement(By.id("from")).getAttribute("aria-invalid")).isEqualTo("true");
        followUp.assertAccessible();
        followUp.go(console + "/statistics?lang=en");
        assertThat(followUp.heading()).isEqualTo("Statistics");
        assertThat(followUp.text(By.cssSelector("#table-referrals h2"))).isEqualTo("Referrals per month");
        followUp.assertAccessible();
        assertThat(followUp.visitedUrls()).noneMatch(url -> subjects.stream().anyMatch(url::contains));
    }

    @Test
    void auditorsSeeTheStatisticsTooAndCaseworkersDoNot() {
        Browser auditor = browsers.open("auditor");
        auditor.signIn(console, "auditor@" + COUNTY_BOARD);
        auditor.click(By.linkText("Statistik"));
        assertThat(auditor.heading()).isEqualTo("Statistik");

        Browser caseworker = browsers.open("caseworker");
        caseworker.signIn(console, "caseworker@" + SOCIAL_SERVICES);
        caseworker.go(console + "/statistics");
        assertThat(caseworker.heading()).isNotEqualTo("Statistik");
        assertThat(caseworker.driver.findElements(By.linkText("Statistik"))).isEmpty();
    }

    /** The statistics of the last twelve months once the projection has passed the referral's acceptance. */
    private static JsonNode figuresOnceProjected(String referral) {
        String auditor = platform.token(COUNTY_BOARD, "AUDITOR");
        String followUp = platform.token(COUNTY_BOARD, "FOLLOW_UP");
        String audit = platform.serviceUrl("audit-service");
        long[] accepted = new long[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode entries = api.get(audit + "/api/v1/audit/entries?referralId=" + referral
                + "&eventType=se.nexus.events.referral.ReferralAccepted", auditor).body();
            if (entries.path("items").size() == 0) {
                return false;
            }
            accepted[0] = entries.path("items").get(0).path("position").asLong();
            return true;
        });
        JsonNode[] figures = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            ApiClient.Response answer = api.get(audit + "/api/v1/statistics", followUp);
            figures[0] = answer.body();
            return answer.status() == 200 && answer.body().path("projectedThrough").asLong() >= accepted[0];
        });
        return figures[0];
    }

    private static HttpResponse<String> download(Browser browser, String url) throws Exception {
        return HttpClient.newHttpClient().send(withSession(browser, url), HttpResponse.BodyHandlers.ofString());
    }

    /** A request with the browser's console session, as the browser itself would send it. */
    private static HttpRequest withSession(Browser browser, String url) {
        Cookie session = browser.driver.manage().getCookieNamed("NEXUS_CONSOLE_SESSION");
        return HttpRequest.newBuilder(URI.create(url)).header("Cookie", session.getName() + "=" + session.getValue())
            .GET().build();
    }

    private static JsonNode table(JsonNode figures, String id) {
        for (JsonNode table : figures.get("tables")) {
            if (table.get("id").asText().equals(id)) {
                return table;
            }
        }
        throw new AssertionError("No table " + id);
    }

    private static int indexOf(JsonNode array, String value) {
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i).asText().equals(value)) {
                return i;
            }
        }
        throw new AssertionError("No " + value + " in " + array);
    }

    private static String published(JsonNode figure) {
        return figure.get("suppressed").asBoolean() ? ".." : String.valueOf(figure.get("value").asLong());
    }

    private static String digits(String text) {
        return "..".equals(text.trim()) ? ".." : text.replaceAll("[^0-9]", "");
    }
}
