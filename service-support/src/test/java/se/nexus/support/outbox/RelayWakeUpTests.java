package se.nexus.support.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The relay is woken by a commit that wrote to the outbox, once per transaction, and never by a rollback. */
class RelayWakeUpTests {

    final RelayWakeUp wakeUp = new RelayWakeUp();

    @AfterEach
    void endTransaction() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void aCommitRingsOnceHoweverManyEventsTheTransactionAppended() throws InterruptedException {
        TransactionSynchronizationManager.initSynchronization();
        wakeUp.afterCommit();
        wakeUp.afterCommit();

        assertThat(TransactionSynchronizationManager.getSynchronizations()).hasSize(1);
        assertThat(wakeUp.await(Duration.ZERO)).as("rung before the commit").isFalse();
        complete(TransactionSynchronization.STATUS_COMMITTED);

        assertThat(wakeUp.await(Duration.ZERO)).as("rung by the commit").isTrue();
        assertThat(wakeUp.await(Duration.ZERO)).as("rung again").isFalse();
    }

    @Test
    void aRollbackDoesNotRing() throws InterruptedException {
        TransactionSynchronizationManager.initSynchronization();
        wakeUp.afterCommit();
        complete(TransactionSynchronization.STATUS_ROLLED_BACK);

        assertThat(wakeUp.await(Duration.ZERO)).isFalse();
    }

    @Test
    void theNextTransactionRegistersAgain() throws InterruptedException {
        TransactionSynchronizationManager.initSynchronization();
        wakeUp.afterCommit();
        complete(TransactionSynchronization.STATUS_ROLLED_BACK);
        TransactionSynchronizationManager.clearSynchronization();

        TransactionSynchronizationManager.initSynchronization();
        wakeUp.afterCommit();
        complete(TransactionSynchronization.STATUS_COMMITTED);

        assertThat(wakeUp.await(Duration.ZERO)).isTrue();
    }

    @Test
    void withoutATransactionItRingsAtOnce() throws InterruptedException {
        wakeUp.afterCommit();

        assertThat(wakeUp.await(Duration.ZERO)).isTrue();
    }

    @Test
    void ringsWhileTheRelayIsBusyAreKeptAsOne() throws InterruptedException {
        wakeUp.ring();
        wakeUp.ring();

        assertThat(wakeUp.await(Duration.ZERO)).isTrue();
        assertThat(wakeUp.await(Duration.ZERO)).isFalse();
    }

    private static void complete(int status) {
        TransactionSynchronizationManager.getSynchronizations().forEach(sync -> sync.afterCompletion(status));
    }
}
