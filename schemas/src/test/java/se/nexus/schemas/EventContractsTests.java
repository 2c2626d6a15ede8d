package se.nexus.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import se.nexus.events.EventMetadata;
import se.nexus.events.consent.ConsentGranted;
import se.nexus.events.notification.CoordinatorNotified;
import se.nexus.events.notification.NotificationAcknowledged;
import se.nexus.events.referral.ReferralAccepted;
import se.nexus.events.referral.ReferralSubmitted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The generated event classes behave as the contracts promise. */
class EventContractsTests {

	private final Map<String, Schema> schemas = CompatibilityGate.currentSchemas(CompatibilityGate.CURRENT);

	@Test
	void timestampsAreInstantsAndDatesAreLocalDates() throws Exception {
		assertThat(EventMetadata.class.getMethod("getOccurredAt").getReturnType()).isEqualTo(Instant.class);
		assertThat(CoordinatorNotified.class.getMethod("getDeadline").getReturnType()).isEqualTo(Instant.class);
		assertThat(ConsentGranted.class.getMethod("getValidFrom").getReturnType()).isEqualTo(LocalDate.class);
		assertThat(ConsentGranted.class.getMethod("getValidUntil").getReturnType()).isEqualTo(LocalDate.class);
	}

	@Test
	void eventsSurviveABinaryRoundTripWithLogicalTypesIntact() throws IOException {
		for (SpecificRecord event : List.of(EventTestData.referralSubmitted(), EventTestData.consentGranted(),
				EventTestData.coordinatorNotified())) {
			assertThat(roundTrip(event)).isEqualTo(event);
		}
		assertThat(roundTrip(EventTestData.consentGranted()).getValidUntil()).isEqualTo(LocalDate.of(2026, 3, 13));
	}

	@Test
	void buildersRefuseAMissingRequiredFieldAndDefaultOptionalOnesToNull() {
		assertThatThrownBy(() -> ReferralAccepted.newBuilder().setReferralId("ref-1").build())
			.isInstanceOf(AvroRuntimeException.class)
			.hasMessageContaining("metadata");
		EventMetadata metadata = EventTestData.metadata();
		assertThat(metadata.getCausationId()).isNull();
		NotificationAcknowledged acknowledged = NotificationAcknowledged.newBuilder()
			.setMetadata(metadata)
			.setNotificationId("n-1")
			.setAgency("social-services-north")
			.build();
		assertThat(acknowledged.getReferralId()).isNull();
	}

	@Test
	void buildersCopyEventsSoThatChangesDoNotLeak() {
		ReferralSubmitted original = EventTestData.referralSubmitted();
		ReferralSubmitted copy = ReferralSubmitted.newBuilder(original).setReferralId("ref-2").build();
		assertThat(original.getReferralId()).isEqualTo("ref-1");
		assertThat(copy.getMetadata()).isEqualTo(original.getMetadata());
	}

	@Test
	void everyEventStartsWithTheSharedMetadata() {
		java.util.stream.Stream.concat(Topics.eventTypes().values().stream().flatMap(List::stream),
				Topics.agencyEventTypes().stream()).forEach(type -> {
			Schema schema = SpecificData.get().getSchema(type);
			assertThat(schema.getFields().get(0).name()).as(type.getSimpleName()).isEqualTo("metadata");
			assertThat(schema.getFields().get(0).schema().getFullName()).isEqualTo("se.nexus.events.EventMetadata");
		});
	}

	@Test
	void everyRecordAndFieldIsDocumented() {
		schemas.values().forEach(schema -> {
			assertThat(schema.getDoc()).as(schema.getFullName()).isNotBlank();
			if (schema.getType() == Schema.Type.RECORD) {
				schema.getFields()
					.forEach(field -> assertThat(field.doc()).as(schema.getName() + "." + field.name()).isNotBlank());
			}
		});
	}

	@Test
	void everyEventSchemaIsOnExactlyOneTopicOrOnEveryAgencyTopic() {
		List<String> events = java.util.stream.Stream.concat(Topics.eventTypes().values().stream().flatMap(List::stream),
				Topics.agencyEventTypes().stream()).map(Class::getSimpleName).toList();
		List<String> shared = List.of("EventMetadata", "Subject", "LegalBasis", "LegalBasisType", "Urgency");
		assertThat(events).doesNotHaveDuplicates();
		assertThat(schemas.keySet()).containsExactlyInAnyOrderElementsOf(
				java.util.stream.Stream.concat(events.stream(), shared.stream()).toList());
	}

	@SuppressWarnings("unchecked")
	private static <T extends SpecificRecord> T roundTrip(T event) throws IOException {
		Class<T> type = (Class<T>) event.getClass();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
		new SpecificDatumWriter<>(type).write(event, encoder);
		encoder.flush();
		return new SpecificDatumReader<>(type).read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
	}
}
