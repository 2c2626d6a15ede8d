package se.nexus.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker takes only mutual TLS with a certificate of its own authority, and each principal reaches
 * exactly what {@link KafkaAccess} grants it: every refusal here is the broker's, and each would pass on a broker
 * that let anyone in. The demo's agencies with a topic of their own are the police and the resource centre.
 */
class KafkaAccessIntegrationTests {

	private static final Duration SHORT = Duration.ofSeconds(5);

	private static final String POLICE = "se.polisen.region-mitt";

	private static final String RESOURCE_CENTRE = "se.uppsala.nexus";

	private final Infrastructure infrastructure = SharedInfrastructure.get();

	@BeforeEach
	void embeddedBrokerOnly() {
		org.junit.jupiter.api.Assumptions.assumeTrue(infrastructure.kafkaBroker().isPresent(),
				"mutual TLS and ACLs are the embedded broker's (ContainerInfrastructure runs Kafka plaintext)");
	}

	@Test
	void aPlaintextClientGetsNothingFromTheBroker() {
		Map<String, Object> plaintext = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
				infrastructure.kafkaBootstrapServers(), ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000,
				CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 3000, CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
		try (Admin admin = Admin.create(plaintext)) {
			assertThatThrownBy(() -> admin.describeCluster().nodes().get(10, TimeUnit.SECONDS))
				.hasRootCauseInstanceOf(TimeoutException.class);
		}
		try (KafkaProducer<String, String> producer = producer(plaintext)) {
			assertThatThrownBy(() -> producer.send(new ProducerRecord<>(KafkaAccess.REFERRALS, "key", "forged")).get())
				.hasCauseInstanceOf(TimeoutException.class);
		}
		try (KafkaConsumer<String, String> consumer = consumer(plaintext, KafkaAccess.operatorGroup("plaintext"))) {
			assertThatThrownBy(() -> consumer.partitionsFor(KafkaAccess.REFERRALS, SHORT))
				.isInstanceOf(TimeoutException.class);
		}
	}

	@Test
	void aCertificateOfAnotherAuthorityIsRefusedEvenWithAServicesName(@TempDir Path dir) {
		LocalCertificateAuthority foreign = LocalCertificateAuthority.openOrCreate(dir, "Some other CA");
		KafkaConnection genuine = infrastructure.kafka(KafkaAccess.REFERRAL_SERVICE);
		// The client trusts the broker; the broker does not trust the client.
		KafkaConnection impostor = new KafkaConnection(infrastructure.kafkaBootstrapServers(),
				new LocalCertificateAuthority.IssuedCertificate(KafkaAccess.REFERRAL_SERVICE,
						foreign.issueClient(KafkaAccess.REFERRAL_SERVICE).keyStore(), genuine.certificate().trustStore()),
				null);
		try (Admin admin = Admin.create(impostor.properties(Map.of(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 5000,
				CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000)))) {
			assertThatThrownBy(() -> admin.describeCluster().nodes().get(15, TimeUnit.SECONDS))
				.hasCauseInstanceOf(SslAuthenticationException.class);
		}
		try (KafkaProducer<String, String> producer = producer(impostor.properties(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000)))) {
			assertThatThrownBy(() -> producer.send(new ProducerRecord<>(KafkaAccess.REFERRALS, "key", "forged")).get())
				.hasCauseInstanceOf(SslAuthenticationException.class);
		}
	}

	@Test
	void eachServiceWritesTheTopicsItOwnsAndNoOther() throws Exception {
		send(KafkaAccess.REFERRAL_SERVICE, KafkaAccess.REFERRALS);
		send(KafkaAccess.REFERRAL_SERVICE, KafkaAccess.CONSENTS);
		send(KafkaAccess.NOTIFICATION_SERVICE, KafkaAccess.NOTIFICATIONS);
		send(KafkaAccess.NOTIFICATION_SERVICE, KafkaAccess.deadLetterTopicOf(KafkaAccess.REFERRALS));
		send(KafkaAccess.AUDIT_SERVICE, KafkaAccess.deadLetterTopicOf(KafkaAccess.ACCESS));

		refusedToWrite(KafkaAccess.NOTIFICATION_SERVICE, KafkaAccess.REFERRALS);
		refusedToWrite(KafkaAccess.NOTIFICATION_SERVICE, KafkaAccess.CONSENTS);
		refusedToWrite(KafkaAccess.REFERRAL_SERVICE, KafkaAccess.NOTIFICATIONS);
		refusedToWrite(KafkaAccess.REFERRAL_SERVICE, KafkaAccess.OPERATIONS);
		refusedToWrite(KafkaAccess.AUDIT_SERVICE, KafkaAccess.REFERRALS);
		refusedToWrite(KafkaAccess.AUDIT_SERVICE, KafkaAccess.NOTIFICATIONS);
		refusedToWrite(KafkaAccess.AUDIT_SERVICE, KafkaAccess.ACCESS);
		refusedToWrite(DemoClients.agencies().get(0), KafkaAccess.REFERRALS);
	}

	@Test
	void eachServiceReadsOnlyItsTopicsAndOnlyInItsOwnGroup() {
		assertThat(assignedAs(KafkaAccess.NOTIFICATION_SERVICE, KafkaAccess.NOTIFICATION_GROUP,
				List.of(KafkaAccess.REFERRALS, KafkaAccess.HANDOVERS)))
			.extracting(TopicPartition::topic).containsOnly(KafkaAccess.REFERRALS, KafkaAccess.HANDOVERS);
		assertThat(assignedAs(KafkaAccess.AUDIT_SERVICE, KafkaAccess.AUDIT_GROUP, KafkaAccess.TOPICS))
			.extracting(TopicPartition::topic).containsOnlyElementsOf(KafkaAccess.TOPICS)
			.hasSize(KafkaAccess.TOPICS.size() * KafkaAccess.PARTITIONS);

		// Reading a topic without a group (assigned partitions): only the topic's grant is asked for.
		refusedToRead(KafkaAccess.REFERRAL_SERVICE, KafkaAccess.NOTIFICATIONS);
		refusedToRead(KafkaAccess.REFERRAL_SERVICE, KafkaAccess.REFERRALS);
		refusedToRead(KafkaAccess.NOTIFICATION_SERVICE, KafkaAccess.ACCESS);
		refusedToRead(KafkaAccess.NOTIFICATION_SERVICE, KafkaAccess.CONSENTS);
		refusedToRead(DemoClients.agencies().get(0), KafkaAccess.NOTIFICATIONS);
		// A topic it may read or describe, in another service's group: joining the group is refused.
		refusedToJoin(KafkaAccess.REFERRAL_SERVICE, KafkaAccess.AUDIT_GROUP, KafkaAccess.REFERRALS);
		refusedToJoin(KafkaAccess.AUDIT_SERVICE, KafkaAccess.NOTIFICATION_GROUP, KafkaAccess.REFERRALS);
		refusedToJoin(KafkaAccess.NOTIFICATION_SERVICE, KafkaAccess.AUDIT_GROUP, KafkaAccess.REFERRALS);
	}

	@Test
	void onlyTheReferralServiceAndTheOperatorSeeTheAuditGroupsOffsets() throws Exception {
		for (String allowed : List.of(KafkaAccess.REFERRAL_SERVICE, KafkaAccess.OPERATOR)) {
			try (Admin admin = Admin.create(infrastructure.kafka(allowed).properties())) {
				assertThat(admin.listConsumerGroupOffsets(KafkaAccess.AUDIT_GROUP).partitionsToOffsetAndMetadata()
					.get(10, TimeUnit.SECONDS)).as(allowed).isNotNull();
			}
		}
		try (Admin admin = Admin.create(infrastructure.kafka(KafkaAccess.NOTIFICATION_SERVICE).properties())) {
			assertThatThrownBy(() -> admin.listConsumerGroupOffsets(KafkaAccess.AUDIT_GROUP)
				.partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS))
				.hasCauseInstanceOf(GroupAuthorizationException.class);
		}
	}

	@Test
	void theBrokersAclsAreExactlyTheTableAStrayGrantIsRemoved() throws Exception {
		try (Admin admin = Admin.create(infrastructure.kafka(KafkaAccess.BROKER).properties())) {
			AclBinding stray = new AclBinding(new ResourcePattern(ResourceType.TOPIC, KafkaAccess.REFERRALS,
					PatternType.LITERAL), new AccessControlEntry("User:" + KafkaAccess.NOTIFICATION_SERVICE, "*",
							AclOperation.WRITE, AclPermissionType.ALLOW));
			admin.createAcls(List.of(stray)).all().get(10, TimeUnit.SECONDS);
			assertThat(acls(admin)).contains(stray);

			KafkaAccess.apply(admin, DemoClients.withAgencyTopics());

			assertThat(acls(admin)).containsExactlyInAnyOrderElementsOf(KafkaAccess.acls(DemoClients.withAgencyTopics()));
		}
	}

	@Test
	void anAgencyReadsItsOwnTopicInGroupsOfItsOwnWhatTheNotificationServiceWrote() throws Exception {
		String key = java.util.UUID.randomUUID().toString();
		try (KafkaProducer<String, String> producer = producer(infrastructure.kafka(KafkaAccess.NOTIFICATION_SERVICE).properties())) {
			producer.send(new ProducerRecord<>(KafkaAccess.agencyTopicOf(POLICE), key, "for the police")).get(30, TimeUnit.SECONDS);
		}
		try (KafkaConsumer<String, String> consumer = consumer(infrastructure.kafka(POLICE).properties(),
				KafkaAccess.agencyGroupPrefixOf(POLICE) + "case-system-" + key)) {
			consumer.subscribe(List.of(KafkaAccess.agencyTopicOf(POLICE)));
			List<String> read = new ArrayList<>();
			await("the police read their topic").atMost(Duration.ofSeconds(60)).pollInSameThread().until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(record -> {
					if (record.key().equals(key)) {
						read.add(record.value());
					}
				});
				return !read.isEmpty();
			});
			assertThat(read).containsExactly("for the police");
			consumer.commitSync(Duration.ofSeconds(10));
		}
	}

	@Test
	void anAgencyIsRefusedAnotherAgencysTopicAndGroupsAndAnAgencyWithoutATopicReadsNothing() {
		refusedToRead(RESOURCE_CENTRE, KafkaAccess.agencyTopicOf(POLICE));
		refusedToRead(POLICE, KafkaAccess.agencyTopicOf(RESOURCE_CENTRE));
		// Its own topic, in the other agency's group: joining is refused.
		refusedToJoin(RESOURCE_CENTRE, KafkaAccess.agencyGroupPrefixOf(POLICE) + "case-system",
				KafkaAccess.agencyTopicOf(RESOURCE_CENTRE));
		// Its own topic in a group not named after it (here another service's).
		refusedToJoin(POLICE, KafkaAccess.NOTIFICATION_GROUP, KafkaAccess.agencyTopicOf(POLICE));
		String withoutTopic = DemoClients.agencies().stream()
			.filter(agency -> !DemoClients.withAgencyTopics().contains(agency)).findFirst().orElseThrow();
		refusedToRead(withoutTopic, KafkaAccess.agencyTopicOf(POLICE));
		refusedToRead(withoutTopic, KafkaAccess.REFERRALS);
	}

	@Test
	void onlyTheNotificationServiceWritesAnAgencysTopicAndItCannotReadIt() {
		refusedToWrite(POLICE, KafkaAccess.agencyTopicOf(POLICE));
		refusedToWrite(POLICE, KafkaAccess.agencyTopicOf(RESOURCE_CENTRE));
		refusedToWrite(POLICE, KafkaAccess.REFERRALS);
		refusedToWrite(KafkaAccess.REFERRAL_SERVICE, KafkaAccess.agencyTopicOf(POLICE));
		refusedToRead(KafkaAccess.NOTIFICATION_SERVICE, KafkaAccess.agencyTopicOf(POLICE));
		refusedToRead(KafkaAccess.AUDIT_SERVICE, KafkaAccess.agencyTopicOf(POLICE));
		// The operator's tools reach every other topic under nexus., but not what is for an agency alone.
		refusedToRead(KafkaAccess.OPERATOR, KafkaAccess.agencyTopicOf(POLICE));
		refusedToWrite(KafkaAccess.OPERATOR, KafkaAccess.agencyTopicOf(POLICE));
	}

	private static Set<AclBinding> acls(Admin admin) throws ExecutionException, InterruptedException,
			java.util.concurrent.TimeoutException {
		return Set.copyOf(admin.describeAcls(AclBindingFilter.ANY).values().get(10, TimeUnit.SECONDS));
	}

	private void send(String principal, String topic) throws Exception {
		try (KafkaProducer<String, String> producer = producer(infrastructure.kafka(principal).properties())) {
			producer.send(new ProducerRecord<>(topic, "key", "from " + principal)).get(30, TimeUnit.SECONDS);
		}
	}

	private void refusedToWrite(String principal, String topic) {
		try (KafkaProducer<String, String> producer = producer(
				infrastructure.kafka(principal).properties(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10000)))) {
			// The topic's refusal; or, for a principal that may write no topic at all (an agency), its idempotent
			// producer's id may be refused first, as the cluster's (no WRITE on any topic, no IDEMPOTENT_WRITE).
			assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "key", "from " + principal)).get())
				.as(principal + " writes " + topic).cause()
				.isInstanceOfAny(TopicAuthorizationException.class, ClusterAuthorizationException.class);
		}
	}

	private List<TopicPartition> assignedAs(String principal, String group, List<String> topics) {
		List<TopicPartition> assigned = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = consumer(infrastructure.kafka(principal).properties(), group)) {
			consumer.subscribe(Pattern.compile(String.join("|", topics.stream().map(Pattern::quote).toList())));
			await(principal + " assigned its topics").atMost(Duration.ofSeconds(60)).pollInSameThread().until(() -> {
				consumer.poll(Duration.ofMillis(200));
				return consumer.assignment().stream().map(TopicPartition::topic).distinct().count() == topics.size();
			});
			assigned.addAll(consumer.assignment());
		}
		return assigned;
	}

	private void refusedToRead(String principal, String topic) {
		try (KafkaConsumer<String, String> consumer = consumer(infrastructure.kafka(principal).properties(), null)) {
			consumer.assign(List.of(new TopicPartition(topic, 0)));
			assertThatThrownBy(() -> pollFor(consumer, Duration.ofSeconds(30))).as(principal + " reads " + topic)
				.isInstanceOf(TopicAuthorizationException.class);
		}
	}

	private void refusedToJoin(String principal, String group, String topic) {
		try (KafkaConsumer<String, String> consumer = consumer(infrastructure.kafka(principal).properties(), group)) {
			consumer.subscribe(List.of(topic));
			assertThatThrownBy(() -> pollFor(consumer, Duration.ofSeconds(30)))
				.as(principal + " joins group " + group).isInstanceOf(GroupAuthorizationException.class);
		}
	}

	/** Polls for this long, unless the poll throws first. */
	private static void pollFor(KafkaConsumer<String, String> consumer, Duration time) {
		long deadline = System.nanoTime() + time.toNanos();
		while (System.nanoTime() < deadline) {
			consumer.poll(Duration.ofMillis(200));
		}
	}

	private static KafkaProducer<String, String> producer(Map<String, Object> connection) {
		Map<String, Object> config = new java.util.HashMap<>(connection);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30000);
		return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
	}

	private static KafkaConsumer<String, String> consumer(Map<String, Object> connection, String group) {
		Map<String, Object> config = new java.util.HashMap<>(connection);
		if (group != null) {
			config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		}
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
		return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
	}
}
