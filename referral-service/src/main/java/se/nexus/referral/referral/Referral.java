package se.nexus.referral.referral;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import se.nexus.referral.protection.EncryptedText;
import se.nexus.referral.protection.SubjectKey;

/**
 * A referral of a case from one agency to another. It guards its own lifecycle: only the party named
 * in docs/architecture.md section 4.1 may make each transition, and only from the status that allows it.
 */
public class Referral {

    private final UUID id;
    private final String fromAgency;
    private final String toAgency;
    private String ownerAgency;
    private final Subject subject;
    private final Urgency urgency;
    private final List<Concern> concerns;
    private final LegalBasis legalBasis;
    private final Purpose purpose;
    private final EncryptedText summary;
    private ReferralStatus status;
    private Decline decline;
    private final Instant createdAt;
    private Instant updatedAt;
    private final int version;
    /** The subject's data key as read with the referral, to open its text; null if it had none or was erased. */
    private final SubjectKey subjectKey;

    Referral(UUID id, String fromAgency, String toAgency, String ownerAgency, Subject subject, Urgency urgency,
            List<Concern> concerns, LegalBasis legalBasis, Purpose purpose, EncryptedText summary,
            ReferralStatus status, Decline decline, Instant createdAt, Instant updatedAt, int version,
            SubjectKey subjectKey) {
        this.id = id;
        this.fromAgency = fromAgency;
        this.toAgency = toAgency;
        this.ownerAgency = ownerAgency;
        this.subject = subject;
        this.urgency = urgency;
        this.concerns = List.copyOf(concerns);
        this.legalBasis = legalBasis;
        this.purpose = purpose;
        this.summary = summary;
        this.status = status;
        this.decline = decline;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.version = version;
        this.subjectKey = subjectKey;
    }

    /** A new referral; the sender owns it until the receiver accepts. */
    static ReferralEvent.Submitted submit(Actor sender, NewReferral request, EncryptedText summary, Instant now) {
        var referral = new Referral(UUID.randomUUID(), sender.agency(), request.toAgency(), sender.agency(),
            request.subject(), request.urgency(), request.concerns(), request.legalBasis(), request.purpose(), summary,
            ReferralStatus.SUBMITTED, null, now, now, 0, null);
        return new ReferralEvent.Submitted(UUID.randomUUID(), now, sender, referral);
    }

    /** The receiver confirms it has the referral (technical receipt). */
    ReferralEvent.Received receive(Actor actor, Instant now) {
        requireParty(actor, toAgency, "Only the receiving agency may acknowledge receipt");
        requireStatus(ReferralStatus.SUBMITTED, "receive");
        moveTo(ReferralStatus.RECEIVED, now);
        return new ReferralEvent.Received(UUID.randomUUID(), now, actor, this);
    }

    /** The receiver takes the case on and becomes its owner. */
    ReferralEvent.Accepted accept(Actor actor, Instant now) {
        requireParty(actor, toAgency, "Only the receiving agency may accept");
        requireStatus(ReferralStatus.RECEIVED, "accept");
        ownerAgency = toAgency;
        moveTo(ReferralStatus.ACCEPTED, now);
        return new ReferralEvent.Accepted(UUID.randomUUID(), now, actor, this);
    }

    ReferralEvent.Declined decline(Actor actor, DeclineReason reason, EncryptedText comment, Instant now) {
        requireParty(actor, toAgency, "Only the receiving agency may decline");
        requireStatus(ReferralStatus.RECEIVED, "decline");
        decline = new Decline(reason, comment);
        moveTo(ReferralStatus.DECLINED, now);
        return new ReferralEvent.Declined(UUID.randomUUID(), now, actor, this, reason);
    }

    ReferralEvent.Withdrawn withdraw(Actor actor, Instant now) {
        requireParty(actor, fromAgency, "Only the sending agency may withdraw");
        if (status != ReferralStatus.SUBMITTED && status != ReferralStatus.RECEIVED) {
            throw new IllegalTransition("A referral can be withdrawn only before it is accepted; it is " + status);
        }
        moveTo(ReferralStatus.WITHDRAWN, now);
        return new ReferralEvent.Withdrawn(UUID.randomUUID(), now, actor, this);
    }

    ReferralEvent.Closed close(Actor actor, Instant now) {
        requireParty(actor, ownerAgency, "Only the owning agency may close");
        requireStatus(ReferralStatus.ACCEPTED, "close");
        moveTo(ReferralStatus.CLOSED, now);
        return new ReferralEvent.Closed(UUID.randomUUID(), now, actor, this);
    }

    /** Why the receiver declined: a code, and an optional comment that is free text, so encrypted. */
    public record Decline(DeclineReason reason, EncryptedText comment) {
    }

    /** Only the owner of an accepted referral may hand it over to another agency. */
    public void requireHandoverBy(Actor actor, String target) {
        requireParty(actor, ownerAgency, "Only the owning agency may hand a referral over");
        requireStatus(ReferralStatus.ACCEPTED, "hand over");
        if (ownerAgency.equals(target)) {
            throw new IllegalTransition("The referral is already owned by the target agency");
        }
    }

    /** Moves ownership to the agency that accepted a handover. */
    public void transferOwnership(String agency, Instant now) {
        requireStatus(ReferralStatus.ACCEPTED, "transfer ownership of");
        ownerAgency = agency;
        updatedAt = now;
    }

    /** Whether the agency may see this referral at all: sender, receiver or owner. */
    public boolean isVisibleTo(String agency) {
        return fromAgency.equals(agency) || toAgency.equals(agency) || ownerAgency.equals(agency);
    }

    private void requireParty(Actor actor, String party, String message) {
        if (!party.equals(actor.agency())) {
            throw new IllegalTransition(message);
        }
    }

    private void requireStatus(ReferralStatus required, String action) {
        if (status != required) {
            throw new IllegalTransition("Cannot " + action + " a referral that is " + status
                + "; it must be " + required);
        }
    }

    private void moveTo(ReferralStatus next, Instant now) {
        status = next;
        updatedAt = now;
    }

    public UUID id() { return id; }
    public String fromAgency() { return fromAgency; }
    public String toAgency() { return toAgency; }
    public String ownerAgency() { return ownerAgency; }
    public Subject subject() { return subject; }
    public Urgency urgency() { return urgency; }
    public List<Concern> concerns() { return concerns; }
    public LegalBasis legalBasis() { return legalBasis; }
    public Purpose purpose() { return purpose; }
    public EncryptedText summary() { return summary; }
    public ReferralStatus status() { return status; }
    public Decline decline() { return decline; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public SubjectKey subjectKey() { return subjectKey; }
    int version() { return version; }
}
