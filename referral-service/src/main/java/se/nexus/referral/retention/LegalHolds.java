package se.nexus.referral.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.nexus.referral.referral.Actor;
import se.nexus.referral.referral.ReferralNotFound;
import se.nexus.support.participants.AgencyKind;
import se.nexus.support.participants.Participants;

/**
 * Places and lifts legal holds (docs/architecture.md section 4.10): a held referral, with its handovers, history,
 * the consent it relies on and its notifications, is kept past its retention period until the hold is lifted. Each
 * change commits with the event that records it in the audit chain.
 */
@Service
public class LegalHolds {

    private final CaseRecords records;
    private final Participants participants;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    LegalHolds(CaseRecords records, Participants participants, ApplicationEventPublisher events, Clock clock) {
        this.records = records;
        this.participants = participants;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Holds the referral for the reason. Idempotent: holding it again for the same reason changes and records
     * nothing; another reason replaces the first, keeping the time since it is held, and is recorded.
     */
    @Transactional
    public LegalHold place(UUID referralId, LegalHoldReason reason, Actor actor) {
        CaseRecords.HoldState state = records.lockHold(referralId).orElseThrow(() -> new ReferralNotFound(referralId));
        if (state.hold() != null && state.hold().reason() == reason) {
            return state.hold();
        }
        // As the database keeps it, so the answer shows the time the next answer shows.
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        var hold = new LegalHold(referralId, reason, state.hold() == null ? now : state.hold().since());
        records.hold(hold);
        events.publishEvent(new LegalHoldEvent.Placed(UUID.randomUUID(), now, actor, referralId, reason));
        return hold;
    }

    /** Lifts the referral's hold; whether there was one. Idempotent: lifting no hold records nothing. */
    @Transactional
    public boolean lift(UUID referralId, Actor actor) {
        CaseRecords.HoldState state = records.lockHold(referralId).orElseThrow(() -> new ReferralNotFound(referralId));
        if (state.hold() == null) {
            return false;
        }
        records.release(referralId);
        events.publishEvent(new LegalHoldEvent.Lifted(UUID.randomUUID(), Instant.now(clock), actor, referralId));
        return true;
    }

    /** Only auditors of a resource centre may place or lift a hold; the role was checked before. */
    public void requireMayHold(String agency) {
        if (participants.find(agency).filter(found -> found.kind() == AgencyKind.RESOURCE_CENTRE).isEmpty()) {
            throw new LegalHoldNotAllowed();
        }
    }
}
