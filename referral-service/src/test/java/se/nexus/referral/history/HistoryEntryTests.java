package se.nexus.referral.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import se.nexus.referral.handover.HandoverEvent;
import se.nexus.referral.referral.ReferralEvent;

/** Every domain event of a referral and its handovers has exactly one kind of history entry. */
class HistoryEntryTests {

    @Test
    void everyEventHasItsOwnEntryType() {
        var events = Stream.concat(Arrays.stream(ReferralEvent.class.getPermittedSubclasses()),
            Arrays.stream(HandoverEvent.class.getPermittedSubclasses())).toList();
        assertThat(events.stream().map(HistoryEntry.Type::of).distinct().toList())
            .containsExactlyInAnyOrder(HistoryEntry.Type.values());
    }

    @Test
    void anythingElseHasNone() {
        assertThatThrownBy(() -> HistoryEntry.Type.of(ReferralEvent.class)).isInstanceOf(IllegalArgumentException.class);
    }
}
