package se.nexus.referral.handover;

import java.time.Instant;
import java.util.UUID;

import se.nexus.referral.referral.Actor;
import se.nexus.referral.referral.IllegalTransition;

/**
 * A request by a referral's owner to hand the case to another agency. Ownership moves only when the
 * target accepts; the target may decline and the owner may cancel while it is pending.
 */
public class Handover {

    public enum Status {
        PENDING, ACCEPTED, DECLINED, CANCELLED
    }

    /** Why the owner hands the case over. */
    public enum Reason {
        CRIME_SUSPECTED, CHILD_AT_RISK, HEALTH_CARE_NEEDED, OTHER_MUNICIPALITY, SPECIALIST_SUPPORT, OTHER
    }

    /** Why the target declines. */
    public enum DeclineReason {
        NOT_IN_REMIT, NO_CAPACITY, INSUFFICIENT_INFORMATION, OTHER
    }

    private final UUID id;
    private final UUID referralId;
    private final String fromAgency;
    private final String toAgency;
    private final Reason reason;
    private Status status;
    private DeclineReason declineReason;
    private final Instant createdAt;
    private Instant decidedAt;

    Handover(UUID id, UUID referralId, String fromAgency, String toAgency, Reason reason, Status status,
            DeclineReason declineReason, Instant createdAt, Instant decidedAt) {
        this.id = id;
        this.referralId = referralId;
        this.fromAgency = fromAgency;
        this.toAgency = toAgency;
        this.reason = reason;
        this.status = status;
        this.declineReason = declineReason;
        this.createdAt = createdAt;
        this.decidedAt = decidedAt;
    }

    static Handover request(UUID referralId, String owner, String target, Reason reason, Instant now) {
        return new Handover(UUID.randomUUID(), referralId, owner, target, reason, Status.PENDING, null, now, null);
    }

    void accept(Actor actor, Instant now) {
        decide(actor, toAgency, "Only the target agency may accept a handover", Status.ACCEPTED, now);
    }

    void decline(Actor actor, DeclineReason why, Instant now) {
        decide(actor, toAgency, "Only the target agency may decline a handover", Status.DECLINED, now);
        declineReason = why;
    }

    void cancel(Actor actor, Instant now) {
        decide(actor, fromAgency, "Only the requesting owner may cancel a handover", Status.CANCELLED, now);
    }

    boolean isVisibleTo(String agency) {
        return fromAgency.equals(agency) || toAgency.equals(agency);
    }

    private void decide(Actor actor, String party, String message, Status next, Instant now) {
        if (!party.equals(actor.agency())) {
            throw new IllegalTransition(message);
        }
        if (status != Status.PENDING) {
            throw new IllegalTransition("The handover is already " + status);
        }
        status = next;
        decidedAt = now;
    }

    public UUID id() { return id; }
    public UUID referralId() { return referralId; }
    public String fromAgency() { return fromAgency; }
    public String toAgency() { return toAgency; }
    public Reason reason() { return reason; }
    public Status status() { return status; }
    public DeclineReason declineReason() { return declineReason; }
    public Instant createdAt() { return createdAt; }
    public Instant decidedAt() { return decidedAt; }
}
