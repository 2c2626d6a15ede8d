package se.nexus.support.outbox;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wakes this instance's relay when a transaction that wrote to the outbox commits, so an event leaves as soon as it
 * may instead of at the relay's next poll (two polls of 50 ms lay on every referral's way to a notification: the
 * referral service's and the notification service's). The poll stays, for rows other instances wrote and for a
 * wake-up lost to a relay that was busy: it only ever publishes sooner, never differently.
 *
 * <p>A ring while the relay is publishing is kept (one permit), so the relay looks again right after its batch: under
 * load it publishes batch after batch, each holding what committed during the previous one.
 */
final class RelayWakeUp {

    /** One registration per transaction, however many events it appends. */
    private static final Object REGISTERED = new Object();

    private final Semaphore ring = new Semaphore(0);

    /** Rings once the current transaction commits; nothing if it rolls back. */
    void afterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            ring();
            return;
        }
        Object key = this;
        if (TransactionSynchronizationManager.hasResource(key)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(key, REGISTERED);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(key);
                if (status == STATUS_COMMITTED) {
                    ring();
                }
            }
        });
    }

    void ring() {
        if (ring.availablePermits() == 0) {
            ring.release();
        }
    }

    /** Waits until rung or until the timeout; true if rung. */
    boolean await(Duration timeout) throws InterruptedException {
        boolean rung = ring.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
        ring.drainPermits();
        return rung;
    }
}
