package se.nexus.referral.handover;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BiConsumer;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.nexus.referral.referral.Actor;
import se.nexus.referral.referral.IllegalTransition;
import se.nexus.referral.referral.LegalBasis;
import se.nexus.referral.referral.Referral;
import se.nexus.referral.referral.ReferralEvent;
import se.nexus.referral.referral.ReferralManagement;
import se.nexus.support.participants.Participants;
import se.nexus.support.web.InvalidInput;
import se.nexus.support.web.PageOf;

/** Requests, accepts, declines and cancels handovers; ownership moves only on acceptance. */
@Service
public class HandoverManagement {

    private final Handovers handovers;
    private final ReferralManagement referrals;
    private final Participants participants;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    HandoverManagement(Handovers handovers, ReferralManagement referrals, Participants participants,
            ApplicationEventPublisher events, Clock clock) {
        this.handovers = handovers;
        this.referrals = referrals;
        this.participants = participants;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The owner asks another agency to take the case over. The handover discloses the case to the target,
     * so it needs a legal basis: the one given, or else the referral's own, checked against the target.
     */
    @Transactional
    public Handover request(UUID referralId, Actor actor, String toAgency, Handover.Reason reason, LegalBasis basis) {
        if (!participants.handlesCases(toAgency)) {
            throw new InvalidInput("toAgency", "is not a participating agency that works cases");
        }
        Referral referral = referrals.lockVisible(referralId, actor.agency());
        referral.requireHandoverBy(actor, toAgency);
        if (handovers.hasPending(referralId)) {
            throw new IllegalTransition("The referral already has a pending handover");
        }
        LegalBasis disclosed = basis == null ? referral.legalBasis() : basis;
        referrals.requireDisclosable(disclosed, actor.agency(), referral, toAgency);
        Instant now = Instant.now(clock);
        Handover handover = Handover.request(referralId, actor.agency(), toAgency, reason, now);
        handovers.insert(handover);
        events.publishEvent(new HandoverEvent.Requested(UUID.randomUUID(), now, actor, handover, referral, disclosed));
        return handover;
    }

    @Transactional
    public Handover accept(UUID id, Actor actor) {
        return decide(id, actor, (locked, now) -> {
            locked.handover().accept(actor, now);
            locked.referral().transferOwnership(locked.handover().toAgency(), now);
            referrals.save(locked.referral());
        }, HandoverEvent.Accepted::new);
    }

    @Transactional
    public Handover decline(UUID id, Actor actor, Handover.DeclineReason reason) {
        return decide(id, actor, (locked, now) -> locked.handover().decline(actor, reason, now), HandoverEvent.Declined::new);
    }

    @Transactional
    public Handover cancel(UUID id, Actor actor) {
        return decide(id, actor, (locked, now) -> locked.handover().cancel(actor, now), HandoverEvent.Cancelled::new);
    }

    /**
     * A referral that ends (closed, or withdrawn) ends its pending handover in the same transaction: the owner who
     * ends the case is the one who asked for the handover, so it is cancelled in their name, with its event, and
     * the target is told instead of finding a dead request.
     */
    @EventListener({ ReferralEvent.Closed.class, ReferralEvent.Withdrawn.class })
    void referralEnded(ReferralEvent ended) {
        handovers.pendingOf(ended.referral().id()).ifPresent(handover -> {
            handover.cancel(ended.actor(), ended.occurredAt());
            handovers.update(handover);
            events.publishEvent(new HandoverEvent.Cancelled(UUID.randomUUID(), ended.occurredAt(), ended.actor(),
                handover, ended.referral()));
        });
    }

    /** The case a handover belongs to, whoever asks: for the access log's record of a refused attempt only. */
    @Transactional(readOnly = true)
    public java.util.Optional<UUID> referralOf(UUID id) {
        return handovers.find(id).map(Handover::referralId);
    }

    @Transactional(readOnly = true)
    public Handover get(UUID id, String agency) {
        return handovers.find(id).filter(h -> h.isVisibleTo(agency)).orElseThrow(() -> new HandoverNotFound(id));
    }

    /** A page of the handovers to or from the agency, newest first. */
    @Transactional(readOnly = true)
    PageOf<Handover> list(String agency, Handovers.Box box, Handover.Status status, int page, int size) {
        return new PageOf<>(handovers.page(box, agency, status, page, size), page, size,
            handovers.count(box, agency, status));
    }

    /**
     * Locks the handover's referral, then reads the handover: decisions on one case queue up behind the
     * referral's row lock, so a second decision sees the first one's outcome.
     */
    private Locked lock(UUID id, Actor actor) {
        UUID referralId = visible(id, actor).referralId();
        Referral referral = referrals.lock(referralId);
        return new Locked(visible(id, actor), referral);
    }

    private Handover decide(UUID id, Actor actor, BiConsumer<Locked, Instant> decision, Outcome outcome) {
        Locked locked = lock(id, actor);
        Instant now = Instant.now(clock);
        decision.accept(locked, now);
        handovers.update(locked.handover());
        events.publishEvent(outcome.of(UUID.randomUUID(), now, actor, locked.handover(), locked.referral()));
        return locked.handover();
    }

    /** The event that records a decision on a handover. */
    @FunctionalInterface
    private interface Outcome {
        HandoverEvent of(UUID eventId, Instant occurredAt, Actor actor, Handover handover, Referral referral);
    }

    private Handover visible(UUID id, Actor actor) {
        return handovers.find(id).filter(h -> h.isVisibleTo(actor.agency())).orElseThrow(() -> new HandoverNotFound(id));
    }

    private record Locked(Handover handover, Referral referral) {
    }
}
