package se.nexus.endtoend;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.ExpectedConditions;

import se.nexus.local.LocalPlatform;
import se.nexus.support.test.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The people's console in a real browser (the system's Chromium) on the whole platform: caseworkers and coordinators
 * sign in at the identity provider and do their work; every page is checked with axe for WCAG 2.1 A and AA.
 */
class ConsoleBrowserEndToEndTests {

    static final String SOCIAL_SERVICES = "se.uppsala.socialtjanst";
    static final String RESOURCE_CENTRE = "se.uppsala.nexus";
    static final String POLICE = "se.polisen.region-mitt";
    static final String COUNTY_BOARD = "se.lansstyrelsen.uppsala";

    @RegisterExtension
    final Browsers browsers = new Browsers().in(SharedPlatform.workFolder("browsers"));

    /** Pictures of the main pages, for the README (docs/console/). */
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    static final ApiClient api = new ApiClient();

    static LocalPlatform platform;
    static String console;

    @BeforeAll
    static void platform() {
        platform = SharedPlatform.get();
        console = platform.serviceUrl(LocalPlatform.CONSOLE);
    }

    @Test
    void aReferralOnAConsentReachesTheCoordinatorLiveAndTheReceiverAcceptsIt() {
        String subject = "P-" + UUID.randomUUID().toString().substring(0, 8);
        String summary = "Summary-" + UUID.randomUUID();

        Browser caseworker = browsers.open("caseworker");
        caseworker.signIn(console, "caseworker@" + SOCIAL_SERVICES);
        assertThat(caseworker.driver.getCurrentUrl()).endsWith("/referrals");
        assertThat(caseworker.heading()).isEqualTo("Inkomna remisser");
        caseworker.assertAccessible();

        String consentUrl = recordConsent(caseworker, subject, RESOURCE_CENTRE);
        caseworker.press("Skicka remiss på detta samtycke");
        assertThat(caseworker.driver.findElement(By.id("subjectRef")).getAttribute("value")).isEqualTo(subject);
        caseworker.choose("urgency", "IMMEDIATE");
        caseworker.tick("concerns", "THREATS");
        caseworker.type("summary", summary);
        caseworker.assertAccessible();
        caseworker.screenshot(SCREENSHOTS.resolve("new-referral.png"));

        Browser coordinator = browsers.open("coordinator");
        coordinator.signIn(console, "coordinator@" + RESOURCE_CENTRE);
        assertThat(coordinator.heading()).isEqualTo("Inkorg");
        coordinator.assertAccessible();
        // A marker on the page: if it survives until the notification shows, the page was never reloaded.
        coordinator.driver.executeScript("window.nexusNotReloaded = true;");

        caseworker.press("Skicka remissen");
        caseworker.wait(ExpectedConditions.textToBe(By.id("referral-status"), "Skickad"));
        String referralUrl = caseworker.driver.getCurrentUrl();
        assertThat(caseworker.text(By.cssSelector(".summary"))).isEqualTo(summary);
        caseworker.assertAccessible();

        By row = By.xpath("//table[@id='waiting']//tr[td[normalize-space(.)='" + subject + "']]");
        coordinator.wait(ExpectedConditions.presenceOfElementLocated(row));
        assertThat(coordinator.driver.executeScript("return window.nexusNotReloaded === true;")).isEqualTo(true);
        assertThat(coordinator.driver.findElement(row).getText()).contains("Akut").contains("Remiss skickad");
        coordinator.assertAccessible();
        coordinator.screenshot(SCREENSHOTS.resolve("inbox.png"));
        coordinator.driver.findElement(row).findElement(By.tagName("button")).click();
        coordinator.wait(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".message"),
            "Notifieringen är kvitterad."));
        assertThat(coordinator.driver.findElements(row)).isEmpty();
        coordinator.assertAccessible();

        Browser receiver = browsers.open("receiver");
        receiver.signIn(console, "caseworker@" + RESOURCE_CENTRE);
        receiver.go(referralUrl);
        assertThat(receiver.text(By.cssSelector(".summary"))).isEqualTo(summary);
        receiver.press("Bekräfta mottagande");
        receiver.wait(ExpectedConditions.textToBe(By.id("referral-status"), "Mottagen"));
        receiver.press("Acceptera");
        receiver.wait(ExpectedConditions.textToBe(By.id("referral-status"), "Accepterad"));
        assertThat(receiver.text(By.tagName("main"))).contains("Remiss skickad").contains("Mottagande bekräftat")
            .contains("Remiss accepterad");
        receiver.assertAccessible();
        receiver.screenshot(SCREENSHOTS.resolve("referral.png"));
        receiver.click(By.linkText("Inkomna remisser"));
        receiver.assertAccessible();
        receiver.screenshot(SCREENSHOTS.resolve("received-referrals.png"));

        Browser stranger = browsers.open("stranger");
        stranger.signIn(console, "caseworker@" + POLICE);
        stranger.go(referralUrl);
        assertThat(stranger.heading()).isEqualTo("Det gick inte");
        assertThat(stranger.text(By.tagName("main"))).contains("Ärendet finns inte")
            .doesNotContain(subject).doesNotContain(summary);
        stranger.assertAccessible();

        for (Browser browser : List.of(caseworker, coordinator, receiver, stranger)) {
            assertThat(browser.visitedUrls()).as(browser.name + " visited").noneMatch(url -> url.contains(subject))
                .noneMatch(url -> url.contains(summary));
        }

        caseworker.press("Logga ut");
        caseworker.wait(ExpectedConditions.urlContains("/signed-out"));
        assertThat(caseworker.heading()).isEqualTo("Du är utloggad");
        caseworker.assertAccessible();
        // The session at the identity provider ended too: the console's pages ask for the password again.
        caseworker.go(consentUrl);
        caseworker.wait(ExpectedConditions.presenceOfElementLocated(By.id("password")));
    }

    @Test
    void aRefusalIsShownOnTheFormInWordsAndKeepsWhatWasTyped() {
        String subject = "P-" + UUID.randomUUID().toString().substring(0, 8);
        String summary = "Typed-" + UUID.randomUUID();
        Browser caseworker = browsers.open("caseworker");
        caseworker.signIn(console, "caseworker@" + SOCIAL_SERVICES);
        recordConsent(caseworker, subject, RESOURCE_CENTRE);
        caseworker.press("Skicka remiss på detta samtycke");
        // The consent names the resource centre, not the police: the referral service refuses the disclosure.
        caseworker.choose("toAgency", POLICE);
        caseworker.choose("urgency", "URGENT");
        caseworker.tick("concerns", "VIOLENCE");
        caseworker.type("summary", summary);
        caseworker.press("Skicka remissen");

        caseworker.wait(ExpectedConditions.presenceOfElementLocated(By.id("error-summary")));
        assertThat(caseworker.text(By.id("error-summary"))).contains("Inget aktivt samtycke som din myndighet får använda");
        assertThat(caseworker.driver.findElement(By.id("summary")).getAttribute("value")).isEqualTo(summary);
        assertThat(caseworker.driver.findElement(By.id("subjectRef")).getAttribute("value")).isEqualTo(subject);
        assertThat(caseworker.driver.findElement(By.cssSelector("#toAgency option:checked")).getAttribute("value"))
            .isEqualTo(POLICE);
        caseworker.assertAccessible();

        // A field the service refuses is marked on its field.
        caseworker.type("subjectRef", "no spaces allowed");
        caseworker.press("Skicka remissen");
        caseworker.wait(ExpectedConditions.presenceOfElementLocated(By.id("subjectRef-error")));
        assertThat(caseworker.driver.findElement(By.id("subjectRef")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(caseworker.driver.findElement(By.id("summary")).getAttribute("value")).isEqualTo(summary);
        caseworker.assertAccessible();
    }

    @Test
    void swedishIsTheDefaultEnglishIsSelectableAndTheSessionCookieIsGuarded() {
        Browser coordinator = browsers.open("coordinator");
        coordinator.go(console);
        assertThat(coordinator.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("sv");
        assertThat(coordinator.text(By.cssSelector("main .button"))).isEqualTo("Logga in");
        coordinator.assertAccessible();

        coordinator.signIn(console, "coordinator@" + SOCIAL_SERVICES);
        coordinator.click(By.linkText("English"));
        assertThat(coordinator.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(coordinator.heading()).isEqualTo("Inbox");
        coordinator.assertAccessible();

        Cookie session = coordinator.driver.manage().getCookieNamed("NEXUS_CONSOLE_SESSION");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");
        // The coordinator's role has no caseworker pages.
        coordinator.go(console + "/referrals");
        assertThat(coordinator.heading()).isNotEqualTo("Received referrals");
    }

    @Test
    void theOwnerHandsTheCaseOverAndTheTargetDeclinesThenTakesItOver() {
        String referral = acceptedReferral("P-" + UUID.randomUUID().toString().substring(0, 8));
        Browser owner = browsers.open("owner");
        owner.signIn(console, "caseworker@" + RESOURCE_CENTRE);
        Browser police = browsers.open("police");
        police.signIn(console, "caseworker@" + POLICE);

        requestHandoverToPolice(owner, referral);
        assertThat(owner.text(By.id("pending-handover"))).isEqualTo("Överlämning väntar på beslut");
        owner.assertAccessible();

        police.go(console + "/handovers");
        police.assertAccessible();
        police.screenshot(SCREENSHOTS.resolve("handovers.png"));
        police.driver.findElement(By.cssSelector("select[name=reason]")).sendKeys("Saknar kapacitet");
        police.press("Avböj överlämningen");
        police.wait(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".message"),
            "Överlämningen är avböjd."));

        owner.go(console + "/referrals/" + referral);
        assertThat(owner.driver.findElements(By.id("pending-handover"))).isEmpty();
        assertThat(owner.text(By.tagName("main"))).contains("Överlämning avböjd (Saknar kapacitet)");
        requestHandoverToPolice(owner, referral);

        police.go(console + "/handovers");
        police.press("Ta över ärendet");
        police.wait(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".message"),
            "Ni har tagit över ärendet."));
        assertThat(police.driver.getCurrentUrl()).endsWith("/referrals/" + referral);
        assertThat(police.text(By.id("referral-owner"))).isEqualTo("Polisen, region Mitt");
        police.assertAccessible();
    }

    @Test
    void theReceiverDeclinesWithAReasonThatTheSenderReads() {
        String referral = submittedReferral("P-" + UUID.randomUUID().toString().substring(0, 8));
        Browser receiver = browsers.open("receiver");
        receiver.signIn(console, "caseworker@" + RESOURCE_CENTRE);
        receiver.go(console + "/referrals/" + referral);
        receiver.press("Bekräfta mottagande");
        receiver.wait(ExpectedConditions.textToBe(By.id("referral-status"), "Mottagen"));
        receiver.press("Avböj");
        // No reason chosen: the service refuses, and the page says which field.
        receiver.wait(ExpectedConditions.presenceOfElementLocated(By.id("reason-error")));
        receiver.assertAccessible();
        receiver.choose("reason", "ALREADY_KNOWN");
        receiver.type("comment", "Known since spring");
        receiver.press("Avböj");
        receiver.wait(ExpectedConditions.textToBe(By.id("referral-status"), "Avböjd"));

        Browser sender = browsers.open("sender");
        sender.signIn(console, "caseworker@" + SOCIAL_SERVICES);
        sender.go(console + "/referrals/" + referral);
        assertThat(sender.text(By.tagName("main"))).contains("Redan känt hos oss").contains("Known since spring");
        sender.assertAccessible();
    }

    @Test
    void anAuditorReadsAPersonsExtractAndReviewsAFlag() {
        String subject = "P-" + UUID.randomUUID().toString().substring(0, 8);
        String referral = submittedReferral(subject);
        String url = platform.serviceUrl("referral-service") + "/api/v1/referrals/" + referral;
        assertThat(api.get(url, platform.token(RESOURCE_CENTRE, "CASEWORKER")).status()).isEqualTo(200);
        assertThat(api.get(url, platform.token(POLICE, "CASEWORKER")).status()).isEqualTo(404);

        // The reads reach the audit chain a moment after they happen: the page is opened once the refusal is there.
        String extract = platform.serviceUrl("audit-service") + "/api/v1/audit/subjects/" + subject + "/extract";
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get(extract, platform.token(RESOURCE_CENTRE, "AUDITOR"))
            .body().toString().contains("\"kind\":\"REFUSED\""));

        Browser auditor = browsers.open("auditor");
        auditor.signIn(console, "auditor@" + RESOURCE_CENTRE);
        assertThat(auditor.heading()).isEqualTo("Granskning");
        auditor.assertAccessible();
        auditor.click(By.linkText("Registerutdrag"));
        auditor.type("subjectRef", subject);
        auditor.press("Visa utdraget");
        assertThat(auditor.text(By.id("extract"))).contains("Nekad åtkomst").contains("Läsning").contains("Ändring")
            .contains(POLICE).contains(RESOURCE_CENTRE).contains("OSL_10_2");
        assertThat(auditor.visitedUrls()).noneMatch(visited -> visited.contains(subject));
        auditor.assertAccessible();
        auditor.screenshot(SCREENSHOTS.resolve("extract.png"));

        auditor.click(By.linkText("Flaggor"));
        auditor.wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-flag]")));
        auditor.assertAccessible();
        auditor.screenshot(SCREENSHOTS.resolve("flags.png"));
        var flag = auditor.driver.findElement(By.cssSelector("[data-flag]"));
        String id = flag.getAttribute("data-flag");
        new org.openqa.selenium.support.ui.Select(flag.findElement(By.tagName("select"))).selectByValue("LEGITIMATE");
        flag.findElement(By.tagName("button")).click();
        auditor.wait(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".message"),
            "Flaggan är markerad som granskad."));
        assertThat(auditor.driver.findElements(By.cssSelector("[data-flag='" + id + "']"))).isEmpty();
    }

    private static void requestHandoverToPolice(Browser owner, String referral) {
        owner.go(console + "/referrals/" + referral);
        owner.choose("toAgency", POLICE);
        owner.choose("reason", "CRIME_SUSPECTED");
        owner.tick("basisType", "STATUTORY");
        owner.choose("provisionCode", "OSL_10_18C");
        owner.press("Lämna över ärendet");
        owner.wait(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".message"),
            "Överlämningen är begärd."));
    }

    /** A referral from social services to the resource centre on a statutory provision, through the API. */
    private static String submittedReferral(String subject) {
        return Referrals.submitted(platform, SOCIAL_SERVICES, subject, "URGENT");
    }

    /** The same, received and accepted by the resource centre: it owns the case. */
    private static String acceptedReferral(String subject) {
        return Referrals.accepted(platform, SOCIAL_SERVICES, subject, "URGENT");
    }

    /** Records a consent for the subject naming the agency, and returns the consent page's URL. */
    private static String recordConsent(Browser caseworker, String subject, String grantedTo) {
        caseworker.click(By.linkText("Registrera samtycke"));
        caseworker.assertAccessible();
        caseworker.type("subjectRef", subject);
        caseworker.tick("grantedTo", grantedTo);
        caseworker.choose("purpose", "PROTECTION_AND_SUPPORT");
        caseworker.set("validUntil", LocalDate.now().plusMonths(3).toString());
        caseworker.tick("obtained", "WRITTEN");
        caseworker.press("Registrera samtycket");
        caseworker.wait(ExpectedConditions.textToBe(By.id("consent-status"), "Gäller"));
        caseworker.assertAccessible();
        caseworker.screenshot(SCREENSHOTS.resolve("consent.png"));
        return caseworker.driver.getCurrentUrl();
    }

    @Test
    void anAuditorSearchesTheLogFollowsTheChainVerifiesItSignsACheckpointAndDownloadsTheExport() throws Exception {
        String subject = "P-" + UUID.randomUUID().toString().substring(0, 8);
        String referral = submittedReferral(subject);
        String search = platform.serviceUrl("audit-service") + "/api/v1/audit/entries?referralId=" + referral;
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get(search, platform.token(COUNTY_BOARD, "AUDITOR"))
            .body().get("total").asLong() >= 1);

        Browser auditor = browsers.open("auditor");
        auditor.signIn(console, "auditor@" + COUNTY_BOARD);
        auditor.click(By.linkText("Sök i loggen"));
        auditor.assertAccessible();
        // A time range that ends before it starts is shown on its field, with what was typed kept.
        auditor.set("from", "2025-03-02T10:00");
        auditor.set("to", "2025-03-01T10:00");
        auditor.press("Sök");
        auditor.wait(ExpectedConditions.presenceOfElementLocated(By.id("to-error")));
        assertThat(auditor.driver.findElement(By.id("to")).getAttribute("value")).isEqualTo("2025-03-01T10:00");
        auditor.assertAccessible();

        auditor.set("from", "");
        auditor.set("to", "");
        auditor.type("referralId", referral);
        auditor.type("subjectRef", subject);
        auditor.press("Sök");
        By submitted = By.xpath("//table[@id='entries']//tr[td[normalize-space(.)='ReferralSubmitted']]");
        auditor.wait(ExpectedConditions.presenceOfElementLocated(submitted));
        assertThat(auditor.text(submitted)).contains(referral).contains(SOCIAL_SERVICES);
        auditor.assertAccessible();
        auditor.screenshot(SCREENSHOTS.resolve("audit-log.png"));

        auditor.driver.findElement(submitted).findElement(By.tagName("a")).click();
        assertThat(auditor.heading()).startsWith("Loggpost ");
        assertThat(auditor.text(By.id("entry"))).contains(referral).contains(subject).contains("ReferralSubmitted");
        String previousHash = auditor.text(By.id("previous-hash"));
        auditor.assertAccessible();
        auditor.screenshot(SCREENSHOTS.resolve("audit-entry.png"));
        auditor.click(By.id("previous-entry"));
        assertThat(auditor.text(By.id("hash"))).isEqualTo(previousHash);
        auditor.assertAccessible();

        auditor.click(By.linkText("Verifiera kedjan"));
        auditor.press("Verifiera nu");
        auditor.wait(ExpectedConditions.presenceOfElementLocated(By.id("verification")));
        assertThat(auditor.text(By.id("verification-heading"))).isEqualTo("Kedjan håller");
        assertThat(auditor.driver.findElements(By.id("first-broken"))).isEmpty();
        auditor.assertAccessible();
        auditor.screenshot(SCREENSHOTS.resolve("audit-verify.png"));

        auditor.click(By.linkText("Kontrollpunkter"));
        auditor.press("Signera en kontrollpunkt nu");
        auditor.wait(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".message"),
            "En kontrollpunkt är signerad."));
        assertThat(auditor.text(By.cssSelector("#checkpoints tbody tr"))).endsWith("Ja");
        auditor.assertAccessible();
        auditor.screenshot(SCREENSHOTS.resolve("audit-checkpoints.png"));

        assertExportDownloads(auditor, referral);
        assertThat(auditor.visitedUrls()).noneMatch(url -> url.contains(subject));
    }

    /** The console's export link, fetched with the auditor's session: the whole chain as JSON Lines, ending in the key. */
    private static void assertExportDownloads(Browser auditor, String referral) throws Exception {
        String href = auditor.driver.findElement(By.linkText("Ladda ner exporten")).getAttribute("href");
        Cookie session = auditor.driver.manage().getCookieNamed("NEXUS_CONSOLE_SESSION");
        HttpResponse<Stream<String>> export = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
            .header("Cookie", session.getName() + "=" + session.getValue()).build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValue("application/jsonl");
        assertThat(export.headers().firstValue("Content-Disposition")).hasValueSatisfying(
            disposition -> assertThat(disposition).contains("filename=\"audit-export.jsonl\""));
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = export.body().map(line -> {
            try {
                return json.readTree(line);
            } catch (java.io.IOException e) {
                throw new AssertionError("Not a JSON line: " + line, e);
            }
        }).toList();
        List<JsonNode> entries = lines.stream().filter(line -> "entry".equals(line.get("kind").asText())).toList();
        assertThat(entries).extracting(entry -> entry.get("position").asLong())
            .isEqualTo(java.util.stream.LongStream.rangeClosed(1, entries.size()).boxed().toList());
        assertThat(entries).anyMatch(entry -> referral.equals(entry.get("referralId").asText(null)));
        assertThat(lines).anyMatch(line -> "checkpoint".equals(line.get("kind").asText()));
        assertThat(lines.get(lines.size() - 1).get("kind").asText()).isEqualTo("publicKey");
    }
}
