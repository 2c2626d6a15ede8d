package se.nexus.referral.history;

import java.util.List;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.nexus.referral.handover.HandoverEvent;
import se.nexus.referral.referral.ReferralEvent;
import se.nexus.referral.referral.ReferralManagement;

/**
 * The history of each referral: recorded from the domain events in the transaction of each change, and read back
 * by the agencies that may see the referral.
 */
@Service
class ReferralHistory {

    private final HistoryEntries entries;
    private final ReferralManagement referrals;

    ReferralHistory(HistoryEntries entries, ReferralManagement referrals) {
        this.entries = entries;
        this.referrals = referrals;
    }

    /**
     * Runs before the other listeners of the change, so that a referral's entry comes before the entries of what it
     * causes: a close that cancels the pending handover records the close first.
     */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(ReferralEvent event) {
        entries.append(event.referral().id(), HistoryEntry.of(event));
    }

    @EventListener
    void on(HandoverEvent event) {
        entries.append(event.referral().id(), HistoryEntry.of(event));
    }

    /** Oldest first, for an agency that may see the referral; to any other it is not found, as the referral is not. */
    @Transactional(readOnly = true)
    List<HistoryEntry> of(UUID referralId, String agency) {
        referrals.get(referralId, agency);
        return entries.of(referralId);
    }
}
