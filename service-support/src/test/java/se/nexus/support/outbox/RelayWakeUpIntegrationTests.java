package se.nexus.support.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import se.nexus.infrastructure.Database;
import se.nexus.infrastructure.SharedInfrastructure;

/**
 * A relay that polls once an hour still publishes an event as soon as the transaction that appended it commits: only
 * the commit's wake-up can have sent it.
 */
class RelayWakeUpIntegrationTests {

    static final OutboxProperties HOURLY_POLL = new OutboxProperties(50, Duration.ofHours(1), Duration.ofMillis(20), Duration.ofSeconds(30),
        Duration.ofSeconds(2), Duration.ofSeconds(60), 16, Duration.ofMillis(200), Duration.ofSeconds(5));

    static Database database;
    static HikariDataSource writes;

    @BeforeAll
    static void migrate() {
        database = SharedInfrastructure.get().database("outbox_wake_up_tests");
        writes = new HikariDataSource();
        writes.setJdbcUrl(database.jdbcUrl());
        writes.setUsername(database.username());
        writes.setPassword(database.password());
        Flyway.configure().dataSource(writes).locations("classpath:db/support/outbox").load().migrate();
    }

    @AfterAll
    static void closePool() {
        writes.close();
    }

    @Test
    void aCommittedEventIsPublishedWithoutWaitingForThePoll() {
        RelayTopic topic = RelayTopic.create();
        RelayWakeUp wakeUp = new RelayWakeUp();
        Outbox outbox = new Outbox(JdbcClient.create(writes), new JdbcTemplate(writes), EventTrace.off(), wakeUp);
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(writes));
        TestRelay relay = TestRelay.start(database, HOURLY_POLL, wakeUp);
        try {
            await("the relay holds every partition and has polled").atMost(Duration.ofSeconds(30))
                .until(() -> relay.relay().partitions().size() == HOURLY_POLL.partitions());
            String key = UUID.randomUUID().toString();
            UUID rolledBack = UUID.randomUUID();
            UUID committed = UUID.randomUUID();

            transactions.executeWithoutResult(status -> {
                outbox.append(topic.name(), key, rolledBack, RelayTopic.event(rolledBack, key));
                status.setRollbackOnly();
            });
            transactions.executeWithoutResult(status ->
                outbox.append(topic.name(), key, committed, RelayTopic.event(committed, key)));

            await("the committed event on the topic").atMost(Duration.ofSeconds(30))
                .until(() -> topic.eventIdsByKey().containsKey(key));
            assertThat(topic.eventIdsByKey().get(key)).containsExactly(committed.toString());
        } finally {
            relay.stop();
        }
    }
}
