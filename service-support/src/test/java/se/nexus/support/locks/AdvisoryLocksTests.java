package se.nexus.support.locks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

/** No two mechanisms share an advisory lock key, the partitions' range included. */
class AdvisoryLocksTests {

    @Test
    void theKeysAndThePartitionRangeAreDistinct() {
        Set<Long> single = Set.of(AdvisoryLocks.RELAY, AdvisoryLocks.RETENTION_RUN, AdvisoryLocks.RELAY_MEMBERS);
        assertThat(single).hasSize(3);
        assertThat(single).allMatch(key -> key < AdvisoryLocks.RELAY_PARTITIONS
            || key >= AdvisoryLocks.RELAY_PARTITIONS + AdvisoryLocks.MAX_PARTITIONS);
    }
}
