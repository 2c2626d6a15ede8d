package se.nexus.schemas;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import se.nexus.events.EventMetadata;
import se.nexus.events.LegalBasis;
import se.nexus.events.LegalBasisType;
import se.nexus.events.Subject;
import se.nexus.events.Urgency;
import se.nexus.events.consent.ConsentGranted;
import se.nexus.events.notification.CoordinatorNotified;
import se.nexus.events.referral.ReferralSubmitted;

/** Fresh, valid events for tests; every call builds new objects. */
public final class EventTestData {

	public static final Instant OCCURRED_AT = Instant.parse("2025-03-14T09:26:53.589Z");

	private EventTestData() {
	}

	public static EventMetadata metadata() {
		return EventMetadata.newBuilder()
			.setEventId(UUID.randomUUID().toString())
			.setOccurredAt(OCCURRED_AT)
			.setProducer("referral-service")
			.setActingAgency("social-services-north")
			.setActingUserRef("user-7f3a")
			.setCorrelationId(UUID.randomUUID().toString())
			.build();
	}

	public static ReferralSubmitted referralSubmitted() {
		return ReferralSubmitted.newBuilder()
			.setMetadata(metadata())
			.setReferralId("ref-1")
			.setFromAgency("school-east")
			.setToAgency("social-services-north")
			.setSubject(Subject.newBuilder().setRef("subj-42").setProtectedIdentity(true).build())
			.setUrgency(Urgency.URGENT)
			.setConcerns(List.of("CONTROL", "THREAT"))
			.setLegalBasis(LegalBasis.newBuilder()
				.setType(LegalBasisType.STATUTORY)
				.setProvisionCode("OSL 10:18 c")
				.build())
			.build();
	}

	public static ConsentGranted consentGranted() {
		return ConsentGranted.newBuilder()
			.setMetadata(metadata())
			.setConsentId("consent-9")
			.setSubjectRef("subj-42")
			.setGrantedTo(List.of("social-services-north", "school-east"))
			.setPurpose("COORDINATED_SUPPORT")
			.setDataCategories(List.of("CASE_STATUS"))
			.setValidFrom(LocalDate.of(2025, 3, 14))
			.setValidUntil(LocalDate.of(2026, 3, 13))
			.setObtained("WRITTEN")
			.build();
	}

	public static CoordinatorNotified coordinatorNotified() {
		return CoordinatorNotified.newBuilder()
			.setMetadata(metadata())
			.setNotificationId("n-1")
			.setAgency("social-services-north")
			.setFunctionAddress("coordinator@north.example")
			.setTriggerEventId(UUID.randomUUID().toString())
			.setTriggerEventType("ReferralSubmitted")
			.setUrgency(Urgency.IMMEDIATE)
			.setDeadline(OCCURRED_AT.plusSeconds(3600))
			.build();
	}
}
