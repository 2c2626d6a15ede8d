package se.nexus.audit.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import se.nexus.audit.TestEvents;
import se.nexus.events.Urgency;
import se.nexus.events.notification.CoordinatorNotified;
import se.nexus.events.referral.LegalHoldPlaced;
import se.nexus.events.referral.ReferralDeclined;
import se.nexus.events.referral.ReferralSubmitted;

/** The details of an entry hold the codes the statistics count by, read from generic records as the listener gets them. */
class EventFieldsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aSubmittedReferralKeepsItsUrgencyConcernsAgenciesAndLegalBasis() {
        ReferralSubmitted submitted = TestEvents.referralSubmitted(UUID.randomUUID().toString(), "p-details");
        submitted.setConcerns(List.of("THREATS", "FORCED_MARRIAGE"));

        JsonNode details = details(submitted);

        assertThat(details.get("urgency").asString()).isEqualTo("URGENT");
        assertThat(details.get("concerns").toString()).isEqualTo("[\"THREATS\",\"FORCED_MARRIAGE\"]");
        assertThat(details.get("fromAgency").asString()).isEqualTo(TestEvents.FROM);
        assertThat(details.get("toAgency").asString()).isEqualTo(TestEvents.TO);
        assertThat(details.get("legalBasis").get("provisionCode").asString()).isEqualTo("OSL_10_18C");
        assertThat(details.toString()).doesNotContain("p-details");
    }

    @Test
    void aDeclineKeepsItsReasonCode() {
        ReferralDeclined declined = ReferralDeclined.newBuilder().setMetadata(TestEvents.metadata("e-1"))
            .setReferralId("r-1").setFromAgency(TestEvents.FROM).setToAgency(TestEvents.TO)
            .setSubject(TestEvents.referralSubmitted("r-1", "p-1").getSubject()).setUrgency(Urgency.ROUTINE)
            .setReasonCode("NOT_IN_REMIT").build();

        assertThat(details(declined).get("reasonCode").asString()).isEqualTo("NOT_IN_REMIT");
    }

    @Test
    void aNotificationKeepsItsIdUrgencyDeadlineAndTriggerButNotItsAddress() {
        Instant deadline = Instant.parse("2026-03-01T10:00:00Z");
        CoordinatorNotified notified = CoordinatorNotified.newBuilder().setMetadata(TestEvents.metadata("e-2"))
            .setNotificationId("n-1").setAgency(TestEvents.TO).setFunctionAddress("hrv@example.org")
            .setReferralId("r-1").setSubjectRef("p-1").setTriggerEventId("e-0")
            .setTriggerEventType("REFERRAL_SUBMITTED").setUrgency(Urgency.IMMEDIATE).setDeadline(deadline).build();

        JsonNode details = details(notified);

        assertThat(details.get("notificationId").asString()).isEqualTo("n-1");
        assertThat(details.get("urgency").asString()).isEqualTo("IMMEDIATE");
        assertThat(details.get("deadline").asLong()).isEqualTo(deadline.toEpochMilli());
        assertThat(details.get("triggerEventType").asString()).isEqualTo("REFERRAL_SUBMITTED");
        assertThat(details.toString()).doesNotContain("hrv@example.org", "p-1");
    }

    @Test
    void aLegalHoldsReasonIsNotKept() {
        LegalHoldPlaced hold = LegalHoldPlaced.newBuilder().setMetadata(TestEvents.metadata("e-3")).setReferralId("r-1")
            .setReason("Court case 123, ask the prosecutor").build();

        assertThat(EventFields.details(generic(hold))).isNull();
    }

    private static JsonNode details(SpecificRecordBase event) {
        return JSON.readTree(EventFields.details(generic(event)));
    }

    /** The event as the listener reads it: written with its generated class, read back without it. */
    private static GenericRecord generic(SpecificRecordBase event) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
            new SpecificDatumWriter<SpecificRecordBase>(event.getSchema()).write(event, encoder);
            encoder.flush();
            return new GenericDatumReader<GenericRecord>(event.getSchema())
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
