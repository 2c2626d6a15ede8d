package se.nexus.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import se.nexus.events.EventMetadata;
import se.nexus.events.LegalBasis;
import se.nexus.events.LegalBasisType;
import se.nexus.events.Subject;
import se.nexus.events.Urgency;
import se.nexus.events.consent.ConsentWithdrawn;
import se.nexus.events.handover.HandoverAccepted;
import se.nexus.events.handover.HandoverRequested;
import se.nexus.events.notification.CoordinatorNotified;
import se.nexus.events.notification.NotificationAcknowledged;
import se.nexus.events.notification.NotificationEscalated;
import se.nexus.events.referral.ReferralAccepted;
import se.nexus.events.referral.ReferralConsentRevoked;
import se.nexus.events.referral.ReferralDeclined;
import se.nexus.events.referral.ReferralReceived;
import se.nexus.events.referral.ReferralSubmitted;
import se.nexus.events.referral.ReferralWithdrawn;

/**
 * Events of one case or notification at chosen times, acted by a user of a ref that nothing else uses, so that a test
 * can look for it where it must never be.
 */
record StatisticsTestData(String referralId, String subjectRef, Urgency urgency, String userRef) {

    static StatisticsTestData referral(String subjectRef, Urgency urgency, String userRef) {
        return new StatisticsTestData(UUID.randomUUID().toString(), subjectRef, urgency, userRef);
    }

    ReferralSubmitted submitted(Instant at, String... concerns) {
        return ReferralSubmitted.newBuilder().setMetadata(metadata(at)).setReferralId(referralId)
            .setFromAgency(TestEvents.FROM).setToAgency(TestEvents.TO).setSubject(subject()).setUrgency(urgency)
            .setConcerns(List.of(concerns)).setLegalBasis(statutory()).build();
    }

    ReferralReceived received(Instant at) {
        return ReferralReceived.newBuilder().setMetadata(metadata(at)).setReferralId(referralId)
            .setFromAgency(TestEvents.FROM).setToAgency(TestEvents.TO).setSubject(subject()).setUrgency(urgency).build();
    }

    ReferralAccepted accepted(Instant at) {
        return ReferralAccepted.newBuilder().setMetadata(metadata(at)).setReferralId(referralId)
            .setFromAgency(TestEvents.FROM).setToAgency(TestEvents.TO).setSubject(subject()).setUrgency(urgency).build();
    }

    ReferralDeclined declined(Instant at, String reasonCode) {
        return ReferralDeclined.newBuilder().setMetadata(metadata(at)).setReferralId(referralId)
            .setFromAgency(TestEvents.FROM).setToAgency(TestEvents.TO).setSubject(subject()).setUrgency(urgency)
            .setReasonCode(reasonCode).build();
    }

    ReferralWithdrawn withdrawn(Instant at) {
        return ReferralWithdrawn.newBuilder().setMetadata(metadata(at)).setReferralId(referralId)
            .setFromAgency(TestEvents.FROM).setToAgency(TestEvents.TO).setSubject(subject()).setUrgency(urgency).build();
    }

    ReferralConsentRevoked consentRevoked(Instant at, String consentId) {
        return ReferralConsentRevoked.newBuilder().setMetadata(metadata(at)).setReferralId(referralId)
            .setFromAgency(TestEvents.FROM).setToAgency(TestEvents.TO).setSubject(subject()).setUrgency(urgency)
            .setConsentId(consentId).build();
    }

    ConsentWithdrawn consentWithdrawn(Instant at, String consentId) {
        return ConsentWithdrawn.newBuilder().setMetadata(metadata(at)).setConsentId(consentId).setSubjectRef(subjectRef)
            .setGrantedTo(List.of(TestEvents.TO)).build();
    }

    HandoverRequested handoverRequested(Instant at, String handoverId) {
        return HandoverRequested.newBuilder().setMetadata(metadata(at)).setHandoverId(handoverId)
            .setReferralId(referralId).setFromAgency(TestEvents.TO).setToAgency(TestEvents.FROM).setSubject(subject())
            .setUrgency(urgency).setReasonCode("SPECIALIST_SUPPORT").setLegalBasis(statutory()).build();
    }

    HandoverAccepted handoverAccepted(Instant at, String handoverId) {
        return HandoverAccepted.newBuilder().setMetadata(metadata(at)).setHandoverId(handoverId)
            .setReferralId(referralId).setFromAgency(TestEvents.TO).setToAgency(TestEvents.FROM).setSubject(subject())
            .setUrgency(urgency).build();
    }

    CoordinatorNotified notified(Instant at, String notificationId, Instant deadline) {
        return CoordinatorNotified.newBuilder().setMetadata(metadata(at)).setNotificationId(notificationId)
            .setAgency(TestEvents.TO).setFunctionAddress("hrv@example.org").setReferralId(referralId)
            .setSubjectRef(subjectRef).setTriggerEventId(UUID.randomUUID().toString())
            .setTriggerEventType("REFERRAL_SUBMITTED").setUrgency(urgency).setDeadline(deadline).build();
    }

    NotificationAcknowledged acknowledged(Instant at, String notificationId) {
        return NotificationAcknowledged.newBuilder().setMetadata(metadata(at)).setNotificationId(notificationId)
            .setAgency(TestEvents.TO).setReferralId(referralId).build();
    }

    NotificationEscalated escalated(Instant at, String notificationId, Instant deadline) {
        return NotificationEscalated.newBuilder().setMetadata(metadata(at)).setNotificationId(notificationId)
            .setAgency(TestEvents.TO).setEscalationAddress("jour@example.org").setReferralId(referralId)
            .setDeadline(deadline).build();
    }

    private Subject subject() {
        return Subject.newBuilder().setRef(subjectRef).setProtectedIdentity(false).build();
    }

    private EventMetadata metadata(Instant at) {
        return EventMetadata.newBuilder(TestEvents.metadata(UUID.randomUUID().toString())).setOccurredAt(at)
            .setActingUserRef(userRef).build();
    }

    private static LegalBasis statutory() {
        return LegalBasis.newBuilder().setType(LegalBasisType.STATUTORY).setProvisionCode("OSL_10_18C").build();
    }
}
