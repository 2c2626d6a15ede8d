package se.nexus.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import se.nexus.client.audit.api.AuditApi;
import se.nexus.client.audit.model.EntryView;
import se.nexus.client.notification.api.NotificationsApi;
import se.nexus.client.notification.model.NotificationView;
import se.nexus.client.referral.ApiException;
import se.nexus.client.referral.api.ConsentsApi;
import se.nexus.client.referral.api.HandoversApi;
import se.nexus.client.referral.api.ReferralsApi;
import se.nexus.client.referral.model.ConsentView;
import se.nexus.client.referral.model.GrantConsent;
import se.nexus.client.referral.model.HandoverView;
import se.nexus.client.referral.model.LegalBasisView;
import se.nexus.client.referral.model.Problem;
import se.nexus.client.referral.model.ReferralView;
import se.nexus.client.referral.model.RequestHandover;
import se.nexus.client.referral.model.SubjectView;
import se.nexus.client.referral.model.SubmitReferral;
import se.nexus.local.LocalPlatform;

/**
 * The services driven only through Java clients generated at build time from their committed OpenAPI documents,
 * as an agency's developer would build one: if a document does not say what the API does, these calls fail.
 * Each test is a scenario of its own, on cases it creates.
 */
class GeneratedClientEndToEndTests {

    static final String SOCIAL_SERVICES = "se.uppsala.socialtjanst";
    static final String RESOURCE_CENTRE = "se.uppsala.nexus";
    static final String POLICE = "se.polisen.region-mitt";
    static final String HEALTH_CARE = "se.region-uppsala.vard";
    static final String COUNTY_BOARD = "se.lansstyrelsen.uppsala";

    static LocalPlatform platform;

    @BeforeAll
    static void platform() {
        platform = SharedPlatform.get();
    }

    @Test
    void aCaseOnAConsentGoesFromSubmissionToClosedAndEveryServiceSaysSo() throws Exception {
        String subject = "p-gen-" + UUID.randomUUID().toString().substring(0, 8);
        ConsentView consent = new ConsentsApi(referral(SOCIAL_SERVICES, "CASEWORKER")).recordConsent(new GrantConsent()
            .subjectRef(subject).grantedTo(List.of(RESOURCE_CENTRE, POLICE))
            .purpose(GrantConsent.PurposeEnum.PROTECTION_AND_SUPPORT).dataCategories(List.of("CASE_SUMMARY"))
            .validUntil(LocalDate.now().plusMonths(6)).obtained(GrantConsent.ObtainedEnum.WRITTEN), null);

        ReferralView submitted = new ReferralsApi(referral(SOCIAL_SERVICES, "CASEWORKER")).submitReferral(
            new SubmitReferral().toAgency(RESOURCE_CENTRE).subject(new SubjectView().ref(subject).protectedIdentity(false))
                .urgency(SubmitReferral.UrgencyEnum.URGENT).concerns(List.of(SubmitReferral.ConcernsEnum.THREATS))
                .legalBasis(new LegalBasisView().type(LegalBasisView.TypeEnum.CONSENT).consentId(consent.getId())),
            UUID.randomUUID().toString());
        assertThat(submitted.getStatus()).isEqualTo(ReferralView.StatusEnum.SUBMITTED);

        ReferralsApi centre = new ReferralsApi(referral(RESOURCE_CENTRE, "CASEWORKER"));
        centre.receiveReferral(submitted.getId(), null);
        assertThat(centre.acceptReferral(submitted.getId(), null).getOwnerAgency()).isEqualTo(RESOURCE_CENTRE);
        HandoverView handover = new HandoversApi(referral(RESOURCE_CENTRE, "CASEWORKER")).requestHandover(
            submitted.getId(), new RequestHandover().toAgency(POLICE).reason(RequestHandover.ReasonEnum.CRIME_SUSPECTED),
            null);

        NotificationsApi policeInbox = new NotificationsApi(notification(POLICE));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
            policeInbox.listNotifications(true, null, null, 0, 100).getItems())
            .filteredOn(n -> submitted.getId().equals(n.getReferralId()))
            .extracting(NotificationView::getEventType).containsExactly(NotificationView.EventTypeEnum.HANDOVER_REQUESTED));

        new HandoversApi(referral(POLICE, "CASEWORKER")).acceptHandover(handover.getId(), null);
        ReferralView closed = new ReferralsApi(referral(POLICE, "CASEWORKER")).closeReferral(submitted.getId(), null);
        assertThat(closed.getStatus()).isEqualTo(ReferralView.StatusEnum.CLOSED);

        AuditApi auditor = new AuditApi(audit());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
            auditor.searchEntries(submitted.getId().toString(), null, null, null, null, null, 0, 100).getItems())
            .extracting(EntryView::getEventType).contains("se.nexus.events.referral.ReferralClosed"));
        assertThat(auditor.verifyChain().getValid()).isTrue();
    }

    @Test
    void aRefusalArrivesAsTheDocumentedProblemDetail() throws Exception {
        ReferralView submitted = new ReferralsApi(referral(SOCIAL_SERVICES, "CASEWORKER")).submitReferral(
            new SubmitReferral().toAgency(RESOURCE_CENTRE)
                .subject(new SubjectView().ref("p-gen-" + UUID.randomUUID().toString().substring(0, 8)).protectedIdentity(false))
                .urgency(SubmitReferral.UrgencyEnum.ROUTINE).concerns(List.of(SubmitReferral.ConcernsEnum.THREATS))
                .legalBasis(new LegalBasisView().type(LegalBasisView.TypeEnum.STATUTORY).provisionCode("OSL_10_2")),
            null);

        ApiException refused = catchThrowableOfType(ApiException.class,
            () -> new ReferralsApi(referral(HEALTH_CARE, "CASEWORKER")).getReferral(submitted.getId()));

        assertThat(refused.getCode()).isEqualTo(404);
        assertThat(refused.getResponseHeaders().firstValue("Content-Type")).hasValueSatisfying(
            type -> assertThat(type).startsWith("application/problem+json"));
        Problem problem = new ObjectMapper().readValue(refused.getResponseBody(), Problem.class);
        assertThat(problem.getStatus()).isEqualTo(404);
        assertThat(refused.getResponseBody()).doesNotContain(submitted.getSubject().getRef());
    }

    private static String token(String agency, String role) {
        return platform.token(agency, role);
    }

    private static se.nexus.client.referral.ApiClient referral(String agency, String role) {
        String bearer = "Bearer " + token(agency, role);
        var client = new se.nexus.client.referral.ApiClient();
        client.updateBaseUri(platform.serviceUrl("referral-service"));
        return client.setRequestInterceptor(request -> request.header("Authorization", bearer));
    }

    private static se.nexus.client.notification.ApiClient notification(String agency) {
        String bearer = "Bearer " + token(agency, "COORDINATOR");
        var client = new se.nexus.client.notification.ApiClient();
        client.updateBaseUri(platform.serviceUrl("notification-service"));
        return client.setRequestInterceptor(request -> request.header("Authorization", bearer));
    }

    private static se.nexus.client.audit.ApiClient audit() {
        String bearer = "Bearer " + token(COUNTY_BOARD, "AUDITOR");
        var client = new se.nexus.client.audit.ApiClient();
        client.updateBaseUri(platform.serviceUrl("audit-service"));
        return client.setRequestInterceptor(request -> request.header("Authorization", bearer));
    }
}
