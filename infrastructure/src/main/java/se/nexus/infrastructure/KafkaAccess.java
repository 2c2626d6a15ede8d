package se.nexus.infrastructure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on Kafka: the topics of Nexus and the access control list the broker enforces, deny by default
 * (the README's table "Who may do what on Kafka" is this one). Each principal is the CN of its certificate
 * ({@link LocalCertificateAuthority}). Derived from the code: which topics each service's outbox and dead-letter
 * handling write, which topics its listeners read and under which consumer group; and, for each agency whose system
 * takes its notifications from Kafka (configuration: the notification service's {@code nexus.notification.agency-topics}),
 * that agency's topic, which only the agency reads.
 *
 * <p>The topic names repeat {@code se.nexus.schemas.Topics} (that module builds after this one); a test in the
 * schemas module checks that they agree.
 */
public final class KafkaAccess {

	/** The broker itself: a super user (it must reach its own controller and create the topics and ACLs). */
	public static final String BROKER = "kafka-broker";

	public static final String REFERRAL_SERVICE = "referral-service";

	public static final String NOTIFICATION_SERVICE = "notification-service";

	public static final String AUDIT_SERVICE = "audit-service";

	/**
	 * The operator's and the tests' tools (the fault suite and benchmark driver, test helpers that inject or read
	 * records): never a service's identity. It may read and write every Nexus topic and its dead letters (to inject a
	 * poison record, to read what landed where), create scratch topics under {@code nexus.}, {@code benchmark.} and
	 * {@code test.}, join groups of its own ({@code nexus-operator.*}) and look at the services' groups' offsets.
	 */
	public static final String OPERATOR = "nexus-operator";

	/** notification-service's consumer group: its case-events listener (CaseEventListener). */
	public static final String NOTIFICATION_GROUP = "case-events";

	/** audit-service's consumer group: its audit-ingest listener (AuditListener). */
	public static final String AUDIT_GROUP = "audit-ingest";

	/** The operator's consumer groups all start with this. */
	public static final String OPERATOR_GROUP_PREFIX = OPERATOR + ".";

	public static final String REFERRALS = "nexus.referrals";

	public static final String CONSENTS = "nexus.consents";

	public static final String HANDOVERS = "nexus.handovers";

	public static final String NOTIFICATIONS = "nexus.notifications";

	public static final String ACCESS = "nexus.access";

	public static final String RETENTION = "nexus.retention";

	public static final String OPERATIONS = "nexus.operations";

	/** Every Nexus topic, without dead-letter topics (as {@code Topics.all()}). */
	public static final List<String> TOPICS = List.of(REFERRALS, CONSENTS, HANDOVERS, NOTIFICATIONS, ACCESS, RETENTION,
			OPERATIONS);

	/** An agency's topic is this followed by its id ({@code Topics.agencyTopicOf}). */
	public static final String AGENCY_TOPIC_PREFIX = "nexus.agency.";

	/**
	 * Ends the agency id in the names of an agency's consumer groups ({@code se.polisen.region-mitt:case-system}). Not a
	 * dot: agency ids are dotted names, and with a dot the groups of {@code se.uppsala} would include those of
	 * {@code se.uppsala.socialtjanst}.
	 */
	public static final String AGENCY_GROUP_SEPARATOR = ":";

	/** Partitions of each topic the platform creates. */
	public static final int PARTITIONS = 3;

	private static final String ANY_HOST = "*";

	private KafkaAccess() {
	}

	/** The principals that connect to Kafka as clients and get a certificate, besides the broker and the agencies. */
	public static List<String> clients() {
		return List.of(REFERRAL_SERVICE, NOTIFICATION_SERVICE, AUDIT_SERVICE, OPERATOR);
	}

	/** A topic's dead-letter topic. */
	public static String deadLetterTopicOf(String topic) {
		return topic + ".DLT";
	}

	/**
	 * The Nexus topics and their dead-letter topics, and each of these agencies' topic, which the platform creates
	 * before any service starts. An agency topic has no dead-letter topic: no Nexus service reads it.
	 */
	public static List<String> topicsToCreate(List<String> agencyTopics) {
		return Stream.concat(TOPICS.stream().flatMap(topic -> Stream.of(topic, deadLetterTopicOf(topic))),
				agencyTopics.stream().map(KafkaAccess::agencyTopicOf)).toList();
	}

	/** The topic only this agency's system reads: {@code nexus.agency.<agency id>}. */
	public static String agencyTopicOf(String agency) {
		if (!agency.matches("[a-zA-Z0-9._-]+") || agency.length() > 200) {
			throw new IllegalArgumentException("Not an agency id Kafka can name a topic after: " + agency);
		}
		return AGENCY_TOPIC_PREFIX + agency;
	}

	/** What the names of an agency's consumer groups start with: its id and {@link #AGENCY_GROUP_SEPARATOR}. */
	public static String agencyGroupPrefixOf(String agency) {
		return agency + AGENCY_GROUP_SEPARATOR;
	}

	/** A consumer group of the operator's tools, unique per call. */
	public static String operatorGroup(String purpose) {
		return OPERATOR_GROUP_PREFIX + purpose + "-" + java.util.UUID.randomUUID();
	}

	/**
	 * Every grant, with a topic for each of these agencies; nothing else is allowed (besides the broker, a super
	 * user).
	 */
	public static List<AclBinding> acls(List<String> agencyTopics) {
		List<AclBinding> acls = new ArrayList<>();
		// referral-service: publishes its outbox (referrals, consents, handovers; the access log; its retention runs)
		// and watches the audit group's offsets on what it publishes (admission control): DESCRIBE only.
		for (String topic : List.of(REFERRALS, CONSENTS, HANDOVERS, ACCESS, RETENTION)) {
			acls.add(topic(REFERRAL_SERVICE, topic, AclOperation.WRITE));
		}
		acls.add(group(REFERRAL_SERVICE, AUDIT_GROUP, AclOperation.DESCRIBE));
		// notification-service: reads referrals and handovers in its own group, dead-letters what it cannot process
		// to their DLTs, publishes notifications, its access log, retention runs and operators' dead-letter actions.
		for (String topic : List.of(REFERRALS, HANDOVERS)) {
			acls.add(topic(NOTIFICATION_SERVICE, topic, AclOperation.READ));
			acls.add(topic(NOTIFICATION_SERVICE, deadLetterTopicOf(topic), AclOperation.WRITE));
		}
		for (String topic : List.of(NOTIFICATIONS, ACCESS, RETENTION, OPERATIONS)) {
			acls.add(topic(NOTIFICATION_SERVICE, topic, AclOperation.WRITE));
		}
		acls.add(group(NOTIFICATION_SERVICE, NOTIFICATION_GROUP, AclOperation.READ));
		// audit-service: reads every topic in its own group; writes nothing but the dead letters of what it reads.
		for (String topic : TOPICS) {
			acls.add(topic(AUDIT_SERVICE, topic, AclOperation.READ));
			acls.add(topic(AUDIT_SERVICE, deadLetterTopicOf(topic), AclOperation.WRITE));
		}
		acls.add(group(AUDIT_SERVICE, AUDIT_GROUP, AclOperation.READ));
		// Each agency that asks: the notification service writes its topic (the outbox: what its webhook would get);
		// its own system alone reads it, in consumer groups of its own.
		for (String agency : agencyTopics) {
			acls.add(topic(NOTIFICATION_SERVICE, agencyTopicOf(agency), AclOperation.WRITE));
			acls.add(topic(agency, agencyTopicOf(agency), AclOperation.READ));
			acls.add(new AclBinding(new ResourcePattern(ResourceType.GROUP, agencyGroupPrefixOf(agency),
					PatternType.PREFIXED), allow(agency, AclOperation.READ)));
		}
		// The operator's tools (never a service), on every topic under their prefixes but the agencies': what an
		// agency's topic holds is for that agency alone. A denial outweighs any grant.
		for (AclOperation operation : List.of(AclOperation.READ, AclOperation.WRITE, AclOperation.CREATE)) {
			for (String prefix : List.of("nexus.", "benchmark.", "test.")) {
				acls.add(new AclBinding(new ResourcePattern(ResourceType.TOPIC, prefix, PatternType.PREFIXED),
						allow(OPERATOR, operation)));
			}
		}
		acls.add(new AclBinding(new ResourcePattern(ResourceType.TOPIC, AGENCY_TOPIC_PREFIX, PatternType.PREFIXED),
				new AccessControlEntry("User:" + OPERATOR, ANY_HOST, AclOperation.ALL, AclPermissionType.DENY)));
		acls.add(new AclBinding(new ResourcePattern(ResourceType.GROUP, OPERATOR_GROUP_PREFIX, PatternType.PREFIXED),
				allow(OPERATOR, AclOperation.READ)));
		for (String group : List.of(NOTIFICATION_GROUP, AUDIT_GROUP)) {
			acls.add(group(OPERATOR, group, AclOperation.DESCRIBE));
		}
		return List.copyOf(acls);
	}

	/**
	 * Creates the missing Nexus topics (with these agencies' topics) and makes the broker's ACLs exactly
	 * {@link #acls(List)}: missing grants are added, grants no longer in the table removed. Needs a super user's admin
	 * client.
	 */
	public static void apply(Admin admin, List<String> agencyTopics) {
		createTopics(admin, agencyTopics);
		try {
			Set<AclBinding> wanted = new LinkedHashSet<>(acls(agencyTopics));
			Collection<AclBinding> existing = admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS);
			List<AclBindingFilter> stale = existing.stream().filter(acl -> !wanted.contains(acl))
				.map(AclBinding::toFilter).toList();
			if (!stale.isEmpty()) {
				admin.deleteAcls(stale).all().get(30, TimeUnit.SECONDS);
			}
			wanted.removeAll(existing);
			if (!wanted.isEmpty()) {
				admin.createAcls(wanted).all().get(30, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while setting Kafka's ACLs", e);
		}
		catch (ExecutionException | TimeoutException e) {
			throw new IllegalStateException("Could not set Kafka's ACLs", e);
		}
	}

	/**
	 * Creates the Nexus topics and dead-letter topics and these agencies' topics that do not exist yet
	 * ({@link #PARTITIONS} each).
	 */
	public static void createTopics(Admin admin, List<String> agencyTopics) {
		try {
			Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
			List<NewTopic> missing = topicsToCreate(agencyTopics).stream().filter(topic -> !existing.contains(topic))
				.map(topic -> new NewTopic(topic, PARTITIONS, (short) 1)).toList();
			if (!missing.isEmpty()) {
				admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating the Nexus topics", e);
		}
		catch (ExecutionException | TimeoutException e) {
			throw new IllegalStateException("Could not create the Nexus topics", e);
		}
	}

	private static AclBinding topic(String principal, String topic, AclOperation operation) {
		return new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
				allow(principal, operation));
	}

	private static AclBinding group(String principal, String group, AclOperation operation) {
		return new AclBinding(new ResourcePattern(ResourceType.GROUP, group, PatternType.LITERAL),
				allow(principal, operation));
	}

	private static AccessControlEntry allow(String principal, AclOperation operation) {
		return new AccessControlEntry("User:" + principal, ANY_HOST, operation, AclPermissionType.ALLOW);
	}
}
