package se.nexus.endtoend;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.ExpectedConditions;

import se.nexus.local.LocalPlatform;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The people's console in a real browser (the system's Chromium) on the whole platform: caseworkers and coordinators
 * sign in at the identity provider and do their work; every page is checked with axe for WCAG 2.1 A and AA.
 */
class ConsoleBrowserEndToEndTests {

    static final String SOCIAL_SERVICES = "se.uppsala.socialtjanst";
    static final String RESOURCE_CENTRE = "se.uppsala.nexus";
    static final String POLICE = "se.polisen.region-mitt";

    @RegisterExtension
    final Browsers browsers = new Browsers().in(SharedPlatform.workFolder("browsers"));

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
        return caseworker.driver.getCurrentUrl();
    }
}
