package se.nexus.schemas;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.avro.specific.SpecificRecord;

import se.nexus.events.access.AccessRefused;
import se.nexus.events.agency.AgencyNotificationEscalated;
import se.nexus.events.agency.AgencyNotified;
import se.nexus.events.access.CaseAccessed;
import se.nexus.events.consent.ConsentExpired;
import se.nexus.events.consent.ConsentGranted;
import se.nexus.events.consent.ConsentWithdrawn;
import se.nexus.events.handover.HandoverAccepted;
import se.nexus.events.handover.HandoverCancelled;
import se.nexus.events.handover.HandoverDeclined;
import se.nexus.events.handover.HandoverRequested;
import se.nexus.events.notification.CoordinatorNotified;
import se.nexus.events.notification.NotificationAcknowledged;
import se.nexus.events.notification.NotificationEscalated;
import se.nexus.events.operations.DeadLetterReplayFailed;
import se.nexus.events.operations.DeadLetterReplayed;
import se.nexus.events.operations.DeadLetterResolved;
import se.nexus.events.referral.ReferralAccepted;
import se.nexus.events.referral.ReferralClosed;
import se.nexus.events.referral.ReferralConsentRevoked;
import se.nexus.events.referral.LegalHoldLifted;
import se.nexus.events.referral.LegalHoldPlaced;
import se.nexus.events.referral.ReferralDeclined;
import se.nexus.events.referral.ReferralReceived;
import se.nexus.events.referral.ReferralSubmitted;
import se.nexus.events.referral.ReferralWithdrawn;
import se.nexus.events.retention.RecordsPurged;
import se.nexus.events.subject.SubjectErased;

/** The Kafka topics of Nexus and the event types each one carries. */
public final class Topics {

	/** Keyed by referral id: the referral's lifecycle, and the legal hold that keeps it past its retention. */
	public static final String REFERRALS = "nexus.referrals";

	/** Keyed by subject ref: consents, and the erasure of a subject's free text. */
	public static final String CONSENTS = "nexus.consents";

	/** Keyed by referral id. */
	public static final String HANDOVERS = "nexus.handovers";

	/** Keyed by agency id. */
	public static final String NOTIFICATIONS = "nexus.notifications";

	/** Who read or was refused which case data; keyed by the reading agency's id. */
	public static final String ACCESS = "nexus.access";

	/** What each service's retention job deleted, counts by record class only; keyed by the service's name. */
	public static final String RETENTION = "nexus.retention";

	/**
	 * What operators did to a service's consumption: dead letters replayed or resolved (never a record's content);
	 * keyed by the consumer group.
	 */
	public static final String OPERATIONS = "nexus.operations";

	/**
	 * The agency topics' names start with this: {@code nexus.agency.<agency id>} is read by that agency's system only,
	 * keyed by referral id. There is one per agency that asks for it, so they are not among {@link #all()}.
	 */
	public static final String AGENCY_TOPIC_PREFIX = "nexus.agency.";

	/** Appended to a topic's name to name its dead-letter topic. */
	private static final String DLT_SUFFIX = ".DLT";

	/** What an agency's topic carries: its notifications, as its webhook would POST them. */
	private static final List<Class<? extends SpecificRecord>> AGENCY_EVENT_TYPES = List.of(AgencyNotified.class,
			AgencyNotificationEscalated.class);

	private static final Map<String, List<Class<? extends SpecificRecord>>> EVENT_TYPES = Map.of(
			REFERRALS,
			List.of(ReferralSubmitted.class, ReferralReceived.class, ReferralAccepted.class, ReferralDeclined.class,
					ReferralWithdrawn.class, ReferralClosed.class, ReferralConsentRevoked.class, LegalHoldPlaced.class,
					LegalHoldLifted.class),
			CONSENTS, List.of(ConsentGranted.class, ConsentWithdrawn.class, ConsentExpired.class, SubjectErased.class),
			HANDOVERS,
			List.of(HandoverRequested.class, HandoverAccepted.class, HandoverDeclined.class, HandoverCancelled.class),
			NOTIFICATIONS,
			List.of(CoordinatorNotified.class, NotificationAcknowledged.class, NotificationEscalated.class), ACCESS,
			List.of(CaseAccessed.class, AccessRefused.class), RETENTION, List.of(RecordsPurged.class), OPERATIONS,
			List.of(DeadLetterReplayed.class, DeadLetterResolved.class, DeadLetterReplayFailed.class));

	/**
	 * Each event type's topic, by the full name of its record (every consumer asks for each record it reads); the
	 * agency topics' types map to {@link #AGENCY_TOPIC_PREFIX}, as they belong on every agency topic.
	 */
	private static final Map<String, String> TOPIC_OF_TYPE = Stream.concat(
			EVENT_TYPES.entrySet().stream()
				.flatMap(topic -> topic.getValue().stream().map(type -> Map.entry(type.getName(), topic.getKey()))),
			AGENCY_EVENT_TYPES.stream().map(type -> Map.entry(type.getName(), AGENCY_TOPIC_PREFIX)))
		.collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

	private Topics() {
	}

	/** Every Nexus topic, without dead-letter topics. */
	public static List<String> all() {
		return List.of(REFERRALS, CONSENTS, HANDOVERS, NOTIFICATIONS, ACCESS, RETENTION, OPERATIONS);
	}

	/** The topic an agency's system reads its notifications from: {@code nexus.agency.<agency id>}. */
	public static String agencyTopicOf(String agency) {
		return AGENCY_TOPIC_PREFIX + agency;
	}

	/** The event types every agency topic carries (immutable). */
	public static List<Class<? extends SpecificRecord>> agencyEventTypes() {
		return AGENCY_EVENT_TYPES;
	}

	/** The event types each topic carries (immutable). */
	public static Map<String, List<Class<? extends SpecificRecord>>> eventTypes() {
		return EVENT_TYPES;
	}

	/**
	 * Whether an event of this type (the full name of its Avro record) may be on this topic: not if it is one of
	 * another Nexus topic's event types (a producer's mistake or a forgery; every agency topic has the same types). A type this build does not know may be
	 * newer than it and is let through, so that consumers built earlier still read (and the audit log still records)
	 * event types added later; so is anything on a topic this class does not define.
	 */
	public static boolean carries(String topic, String eventType) {
		String home = TOPIC_OF_TYPE.get(eventType);
		String topicHome = topic.startsWith(AGENCY_TOPIC_PREFIX) ? AGENCY_TOPIC_PREFIX : topic;
		boolean defined = EVENT_TYPES.containsKey(topicHome) || topicHome.equals(AGENCY_TOPIC_PREFIX);
		return home == null || home.equals(topicHome) || !defined;
	}

	/** The dead-letter topic of a topic. */
	public static String deadLetterTopicOf(String topic) {
		return topic + DLT_SUFFIX;
	}
}
