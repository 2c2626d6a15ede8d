package se.nexus.schemas;

import java.util.List;

import org.junit.jupiter.api.Test;

import se.nexus.events.agency.AgencyNotificationEscalated;
import se.nexus.events.agency.AgencyNotified;
import se.nexus.events.handover.HandoverDeclined;
import se.nexus.infrastructure.KafkaAccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicsTests {

	@Test
	void namesTheSevenTopicsAndTheirEventTypes() {
		assertThat(Topics.all()).containsExactly("nexus.referrals", "nexus.consents", "nexus.handovers",
				"nexus.notifications", "nexus.access", "nexus.retention", "nexus.operations");
		assertThat(Topics.eventTypes()).containsOnlyKeys(Topics.all());
		assertThat(Topics.eventTypes().get(Topics.REFERRALS)).hasSize(9);
		assertThat(Topics.eventTypes().get(Topics.CONSENTS)).hasSize(4);
		assertThat(Topics.eventTypes().get(Topics.HANDOVERS)).hasSize(4);
		assertThat(Topics.eventTypes().get(Topics.NOTIFICATIONS)).hasSize(3);
		assertThat(Topics.eventTypes().get(Topics.ACCESS)).hasSize(2);
		assertThat(Topics.eventTypes().get(Topics.RETENTION)).hasSize(1);
		assertThat(Topics.eventTypes().get(Topics.OPERATIONS)).hasSize(3);
	}

	/**
	 * The broker's topics and ACLs (infrastructure's KafkaAccess, which cannot see this class) are these topics, and
	 * a topic for each agency that asks for one (without a dead-letter topic: no Nexus service reads it).
	 */
	@Test
	void theBrokersAccessTableKnowsExactlyTheseTopicsAndTheirDeadLetterTopics() {
		assertThat(KafkaAccess.TOPICS).containsExactlyElementsOf(Topics.all());
		List<String> agencies = List.of("se.polisen.region-mitt", "se.uppsala.nexus");
		assertThat(KafkaAccess.topicsToCreate(agencies)).containsExactlyInAnyOrderElementsOf(java.util.stream.Stream
			.concat(Topics.all().stream().flatMap(topic -> java.util.stream.Stream.of(topic, Topics.deadLetterTopicOf(topic))),
					agencies.stream().map(Topics::agencyTopicOf))
			.toList());
	}

	/** Another topic's event type is refused; a type this build does not know is let through, as it may be newer. */
	@Test
	void aTopicCarriesItsOwnTypesAndTypesNewerThanThisBuildButNotAnotherTopics() {
		assertThat(Topics.carries(Topics.REFERRALS, "se.nexus.events.referral.ReferralSubmitted")).isTrue();
		assertThat(Topics.carries(Topics.HANDOVERS, "se.nexus.events.referral.ReferralSubmitted")).isFalse();
		assertThat(Topics.carries(Topics.REFERRALS, "se.nexus.events.consent.ConsentGranted")).isFalse();
		assertThat(Topics.carries(Topics.HANDOVERS, "se.nexus.events.handover.HandoverReopened")).isTrue();
		assertThat(Topics.carries("partner.topic", "se.nexus.events.referral.ReferralSubmitted")).isTrue();
	}

	/** Each agency that asks has a topic of its own; it carries the agency events and nothing of another topic's. */
	@Test
	void anAgencysTopicIsNamedByItsIdAndCarriesOnlyAgencyEvents() {
		String police = Topics.agencyTopicOf("se.polisen.region-mitt");
		assertThat(police).isEqualTo("nexus.agency.se.polisen.region-mitt")
			.isEqualTo(KafkaAccess.agencyTopicOf("se.polisen.region-mitt"));
		assertThat(Topics.all()).doesNotContain(police);
		assertThat(Topics.agencyEventTypes()).containsExactly(AgencyNotified.class, AgencyNotificationEscalated.class);
		assertThat(Topics.carries(police, AgencyNotified.getClassSchema().getFullName())).isTrue();
		assertThat(Topics.carries(police, AgencyNotificationEscalated.getClassSchema().getFullName())).isTrue();
		assertThat(Topics.carries(police, "se.nexus.events.referral.ReferralSubmitted")).isFalse();
		assertThat(Topics.carries(police, "se.nexus.events.notification.CoordinatorNotified")).isFalse();
		assertThat(Topics.carries(Topics.NOTIFICATIONS, AgencyNotified.getClassSchema().getFullName())).isFalse();
		assertThat(Topics.carries(police, "se.nexus.events.agency.AgencyNotificationAcknowledged")).isTrue();
	}

	@Test
	void namesTheDeadLetterTopicOfATopic() {
		assertThat(Topics.deadLetterTopicOf(Topics.REFERRALS)).isEqualTo("nexus.referrals.DLT");
	}

	@Test
	void theMappingCannotBeChanged() {
		assertThatThrownBy(() -> Topics.eventTypes().put("other", List.of()))
			.isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> Topics.eventTypes().get(Topics.CONSENTS).add(HandoverDeclined.class))
			.isInstanceOf(UnsupportedOperationException.class);
	}
}
