package se.nexus.support.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import se.nexus.infrastructure.Database;
import se.nexus.infrastructure.SharedInfrastructure;

/**
 * Two relays, as two instances of a service would run them, on one database and one Kafka: they share the outbox by key
 * partition, publish every event once and in order per key, take over the partitions of one that stops or falls
 * silent, and the relay lock holds both back.
 */
class OutboxRelayScaleOutIntegrationTests {

    static final int PARTITIONS = 16;
    static final Set<Integer> EVERY_PARTITION = IntStream.range(0, PARTITIONS).boxed().collect(Collectors.toSet());
    static final Duration SETTLED = Duration.ofSeconds(30);
    static final Duration DELIVERED = Duration.ofSeconds(90);

    static Database database;
    static HikariDataSource writes;
    static JdbcClient jdbc;

    final List<TestRelay> relays = new ArrayList<>();
    RelayTopic topic;
    OutboxEvents events;

    @BeforeAll
    static void migrate() {
        database = SharedInfrastructure.get().database("outbox_relay_tests");
        writes = new HikariDataSource();
        writes.setJdbcUrl(database.jdbcUrl());
        writes.setUsername(database.username());
        writes.setPassword(database.password());
        Flyway.configure().dataSource(writes).locations("classpath:db/support/outbox").load().migrate();
        jdbc = JdbcClient.create(writes);
    }

    @AfterAll
    static void closePool() {
        writes.close();
    }

    @BeforeEach
    void emptyOutboxAndNewTopic() {
        jdbc.sql("TRUNCATE outbox").update();
        topic = RelayTopic.create();
        events = new OutboxEvents(topic.name(), 64, new Outbox(jdbc, new JdbcTemplate(writes), EventTrace.off(), new RelayWakeUp()),
            new TransactionTemplate(new DataSourceTransactionManager(writes)));
    }

    @AfterEach
    void stopRelays() {
        relays.forEach(TestRelay::stop);
    }

    @Test
    void twoRelaysShareThePartitionsAndPublishEveryEventOnceInOrderPerKey() {
        TestRelay first = start();
        TestRelay second = start();
        awaitShared(first, second);

        events.appendRounds(10);

        awaitAllPublished();
        assertThat(topic.eventIdsByKey()).as("each key's events, each once, in order").isEqualTo(events.byKey());
        assertThat(first.published() + second.published()).as("sends").isEqualTo(events.count());
        assertThat(first.published()).as("published by the first").isPositive();
        assertThat(second.published()).as("published by the second").isPositive();
    }

    @Test
    void whenOneRelayStopsTheOtherTakesOverItsPartitions() {
        TestRelay staying = start();
        TestRelay stopping = start();
        awaitShared(staying, stopping);
        events.appendRounds(5);
        awaitAllPublished();
        int publishedBeforeStop = stopping.published();

        stopping.stop();
        await("the staying relay holds every partition").atMost(SETTLED)
            .until(() -> staying.relay().partitions().equals(EVERY_PARTITION));
        events.appendRounds(5);

        awaitAllPublished();
        assertThat(topic.eventIdsByKey()).as("each key's events, each once, in order").isEqualTo(events.byKey());
        assertThat(stopping.published()).as("published by the stopped relay").isEqualTo(publishedBeforeStop);
    }

    @Test
    void whenARelayFallsSilentTheDatabaseEndsItsSessionAndAnotherTakesOverItsPartitions() {
        var silentHost = new OutboxProperties(50, Duration.ofMillis(20), Duration.ofMillis(20), Duration.ofSeconds(30), Duration.ofSeconds(2),
            Duration.ofSeconds(60), PARTITIONS, Duration.ofMillis(200), Duration.ofSeconds(1));
        try (RelaySession silent = RelaySession.open(TestRelay.sessions(database), silentHost)) {
            await("the silent relay holds every partition").atMost(SETTLED).until(() -> {
                silent.claimShareIfDue();
                return silent.held().equals(EVERY_PARTITION);
            });
            events.appendRounds(5);

            // The silent relay's host is gone: its session is not used again (closed only when the test ends).
            TestRelay staying = start();

            await("the staying relay holds every partition").atMost(SETTLED)
                .until(() -> staying.relay().partitions().equals(EVERY_PARTITION));
            awaitAllPublished();
            assertThat(topic.eventIdsByKey()).as("each key's events, each once, in order").isEqualTo(events.byKey());
        }
    }

    @Test
    void theRelayLockHoldsEveryRelayBack() throws SQLException {
        TestRelay first = start();
        TestRelay second = start();
        awaitShared(first, second);

        try (Connection operator = TestRelay.sessions(database).getConnection()) {
            relayLock(operator, "pg_advisory_lock");
            events.appendRounds(2);
            await("nothing published while the relays are held back").during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5)).until(() -> unpublished() == events.count());
            relayLock(operator, "pg_advisory_unlock");
        }

        awaitAllPublished();
        assertThat(topic.eventIdsByKey()).as("each key's events, each once, in order").isEqualTo(events.byKey());
    }

    private TestRelay start() {
        TestRelay relay = TestRelay.start(database);
        relays.add(relay);
        return relay;
    }

    /** Waits until each relay holds half the partitions and together they hold every one. */
    private static void awaitShared(TestRelay one, TestRelay other) {
        await("the relays share the partitions").atMost(SETTLED).until(() -> {
            Set<Integer> ones = one.relay().partitions();
            Set<Integer> others = other.relay().partitions();
            Set<Integer> both = new HashSet<>(ones);
            both.addAll(others);
            return ones.size() == PARTITIONS / 2 && others.size() == PARTITIONS / 2 && both.equals(EVERY_PARTITION);
        });
    }

    private static void awaitAllPublished() {
        await("every outbox row published").atMost(DELIVERED).until(() -> unpublished() == 0);
    }

    private static long unpublished() {
        return jdbc.sql("SELECT count(*) FROM outbox WHERE published_at IS NULL").query(Long.class).single();
    }

    private static void relayLock(Connection connection, String function) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(?)")) {
            statement.setLong(1, OutboxRelay.RELAY_LOCK);
            statement.executeQuery().close();
        }
    }

    /** The event ids appended under each key, in the order of their transactions. */
    static final class OutboxEvents {

        private final String topic;
        private final List<String> keys;
        private final Outbox outbox;
        private final TransactionTemplate transactions;
        private final Map<String, List<String>> byKey = new LinkedHashMap<>();
        private int count;

        OutboxEvents(String topic, int keys, Outbox outbox, TransactionTemplate transactions) {
            this.topic = topic;
            this.keys = IntStream.range(0, keys).mapToObj(i -> UUID.randomUUID().toString()).toList();
            this.outbox = outbox;
            this.transactions = transactions;
        }

        /** Appends one event per key and round, a few keys per transaction, as concurrent cases would. */
        void appendRounds(int rounds) {
            for (int round = 0; round < rounds; round++) {
                for (int from = 0; from < keys.size(); from += 4) {
                    List<String> some = keys.subList(from, Math.min(from + 4, keys.size()));
                    transactions.executeWithoutResult(status -> outbox.appendAll(some.stream().map(this::next).toList()));
                }
            }
        }

        private Outbox.Message next(String key) {
            UUID eventId = UUID.randomUUID();
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(eventId.toString());
            count++;
            return new Outbox.Message(topic, key, eventId, RelayTopic.event(eventId, key));
        }

        Map<String, List<String>> byKey() {
            return byKey;
        }

        int count() {
            return count;
        }
    }
}
