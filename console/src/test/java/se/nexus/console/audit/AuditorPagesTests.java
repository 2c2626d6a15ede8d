package se.nexus.console.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.OidcLoginRequestPostProcessor;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import se.nexus.console.api.ApiProblem;
import se.nexus.console.api.AuditApi;
import se.nexus.console.api.Views;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The auditor's pages over a stand-in audit API: what each shows, and what reaches the API. */
@SpringBootTest(properties = "nexus.console.issuer-uri=http://idp.example")
@AutoConfigureMockMvc
class AuditorPagesTests {

    static final String REFERRAL = "0b6f1f0e-3c1a-4a57-9d1e-2f4d5c6b7a81";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    AuditApi api;

    @Test
    void theSearchOffersTheParticipantsByNameAndTheEventTypesByShortName() throws Exception {
        mvc.perform(get("/audit/log").with(auditor()))
            .andExpect(status().isOk())
            .andExpect(content().string(allOf(
                    containsString("<option value=\"se.uppsala.nexus\">Resurscentrum mot hedersrelaterat våld, Uppsala</option>"),
                    containsString("<option value=\"se.nexus.events.referral.ReferralSubmitted\">ReferralSubmitted</option>"),
                    containsString("<option value=\"AuditQueryPerformed\">AuditQueryPerformed</option>"),
                    containsString("<option value=\"\">Alla</option>"))));
        verifyNoInteractions(api);
    }

    @Test
    void aSearchIsPassedOnAndItsPagesArePostedWithTheFiltersNeverInAUrl() throws Exception {
        when(api.entries(any(), eq(0), eq(LogPages.PAGE_SIZE))).thenReturn(new Views.Page<>(
                List.of(entry(7, REFERRAL, "P-secret")), 0, LogPages.PAGE_SIZE, 120));
        mvc.perform(post("/audit/log").with(auditor()).with(csrf()).param("referralId", REFERRAL)
                .param("subjectRef", "P-secret").param("eventType", "se.nexus.events.referral.ReferralSubmitted"))
            .andExpect(status().isOk())
            .andExpect(content().string(allOf(containsString("Träffar: 120"), containsString(">ReferralSubmitted<"),
                    containsString("href=\"/audit/entries/7\""), containsString("Sida 1 av 3"),
                    containsString("<input type=\"hidden\" name=\"subjectRef\" value=\"P-secret\">"),
                    containsString("name=\"page\" value=\"1\""), not(containsString("?subjectRef")))));
        verify(api).entries(new AuditApi.Search(REFERRAL, "P-secret", null,
                "se.nexus.events.referral.ReferralSubmitted", null, null), 0, LogPages.PAGE_SIZE);
    }

    @Test
    void anEndBeforeTheStartIsShownOnItsFieldWithWhatWasTypedAndNothingIsAsked() throws Exception {
        mvc.perform(post("/audit/log").with(auditor()).with(csrf()).param("from", "2025-03-02T10:00")
                .param("to", "2025-03-01T10:00"))
            .andExpect(status().isOk())
            .andExpect(content().string(allOf(containsString("id=\"to-error\""),
                    containsString("aria-invalid=\"true\""), containsString("value=\"2025-03-01T10:00\""),
                    containsString("value=\"2025-03-02T10:00\""))));
        verifyNoInteractions(api);
    }

    @Test
    void anEntryLinksToTheEntryItWasChainedToAndAMissingOneIsSaidSo() throws Exception {
        when(api.entry(7)).thenReturn(new Views.ChainedEntry(entry(7, REFERRAL, "P-1"), "ab".repeat(32)));
        mvc.perform(get("/audit/entries/7").with(auditor()))
            .andExpect(status().isOk())
            .andExpect(content().string(allOf(containsString("ab".repeat(32)), containsString("hash-7"),
                    containsString("href=\"/audit/entries/6\""), containsString("href=\"/audit/entries/8\""))));
        when(api.entry(99)).thenThrow(new ApiProblem(404, null, null));
        mvc.perform(get("/audit/entries/99").with(auditor()))
            .andExpect(status().isNotFound())
            .andExpect(content().string(containsString("Loggen har ingen post på position 99.")));
    }

    @Test
    void aBrokenChainNamesItsFirstBrokenPositionInWordsAndLinksToIt() throws Exception {
        when(api.verify()).thenReturn(new Views.Verification(false, 40, "cd".repeat(32), 16, 17L, "hash mismatch",
                new Views.CheckpointReport(2, true, null)));
        mvc.perform(post("/audit/verify").with(auditor()).with(csrf()))
            .andExpect(status().isOk())
            .andExpect(content().string(allOf(containsString("Kedjan håller inte"),
                    containsString("Första brutna position: 17"), containsString("href=\"/audit/entries/17\""),
                    containsString("hash mismatch"))));
    }

    @Test
    void aChainThatHoldsSaysSoWithItsLengthAndHead() throws Exception {
        when(api.verify()).thenReturn(new Views.Verification(true, 40, "cd".repeat(32), 40, null, null,
                new Views.CheckpointReport(1, true, null)));
        mvc.perform(post("/audit/verify").with(auditor()).with(csrf()))
            .andExpect(status().isOk())
            .andExpect(content().string(allOf(containsString("Kedjan håller"),
                    containsString("Alla 40 poster stämmer, och den enda kontrollpunkten stämmer."),
                    containsString("cd".repeat(32)), not(containsString("first-broken")))));
    }

    @Test
    void theCheckpointsSignedWithTheCurrentKeyAreMarkedSo() throws Exception {
        when(api.checkpoints()).thenReturn(new Views.Checkpoints(List.of(checkpoint(1, "OLD="), checkpoint(2, "NOW=")),
                "NOW="));
        mvc.perform(get("/audit/checkpoints").with(auditor()))
            .andExpect(status().isOk())
            .andExpect(content().string(allOf(containsString("Nyast först: 2 av 2."), containsString(">Ja<"),
                    containsString(">Nej, en tidigare nyckel<"))));
    }

    @Test
    void theExportIsPassedThroughAsADownload() throws Exception {
        doAnswer(call -> {
            call.<AuditApi.ExportTarget>getArgument(0).open().write("{\"kind\":\"entry\"}\n".getBytes(StandardCharsets.UTF_8));
            return null;
        }).when(api).export(any());
        mvc.perform(get("/audit/export").with(auditor()))
            .andExpect(status().isOk())
            .andExpect(header().string("Content-Type", "application/jsonl"))
            .andExpect(header().string("Content-Disposition", "attachment; filename=\"audit-export.jsonl\""))
            .andExpect(content().string("{\"kind\":\"entry\"}\n"));
    }

    private static Views.AuditEntry entry(long position, String referral, String subject) {
        return new Views.AuditEntry(position, "e-" + position, "se.nexus.events.referral.ReferralSubmitted",
                Instant.parse("2025-03-01T09:00:00Z"), Instant.parse("2025-03-01T09:00:00.123Z"), "referral-service",
                "se.uppsala.socialtjanst", "u-1", referral, subject, List.of("se.uppsala.nexus"), null,
                "hash-" + position);
    }

    private static Views.Checkpoint checkpoint(long length, String key) {
        return new Views.Checkpoint(length, length, "ef".repeat(32), Instant.parse("2025-03-01T09:00:00Z"), "SIG=", key);
    }

    private static OidcLoginRequestPostProcessor auditor() {
        return oidcLogin().idToken(token -> token.claim("agency", "se.lansstyrelsen.uppsala")
                .claim("roles", List.of("AUDITOR"))).authorities(new SimpleGrantedAuthority("ROLE_AUDITOR"));
    }
}
