package se.nexus.support.retention;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Records of some classes that {@link RetentionJob} deletes once their retention period has ended. A service adds
 * its own by declaring a bean; the shared mechanisms' records (published outbox rows, processed event ids,
 * idempotency records) have theirs in this package.
 */
public interface RetentionPolicy {

    /** The classes of records this policy deletes, with their periods, as the purge event names them. */
    List<RecordClass> recordClasses();

    /**
     * Deletes up to {@code limit} records (of the class the policy counts its batches by) whose retention period
     * ended before {@code now}, with what belongs to them, in the caller's transaction; rows that another
     * transaction holds are skipped, never waited for. How many of each class it deleted; empty once none is left.
     */
    Map<String, Integer> purge(Instant now, int limit);
}
