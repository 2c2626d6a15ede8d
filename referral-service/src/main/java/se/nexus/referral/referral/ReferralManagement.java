package se.nexus.referral.referral;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import se.nexus.referral.protection.EncryptedText;
import se.nexus.referral.protection.TextCipher;
import se.nexus.support.participants.Participants;
import se.nexus.support.web.InvalidInput;
import se.nexus.support.web.PageOf;

/**
 * Submits referrals and moves them through their lifecycle. Each change and the event it causes commit
 * in one transaction: the event is handed to listeners in the same transaction (the messaging package
 * writes it to the outbox).
 */
@Service
public class ReferralManagement {

    private final Referrals referrals;
    private final Participants participants;
    private final DisclosureRules disclosure;
    private final TextCipher cipher;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ReferralManagement(Referrals referrals, Participants participants, DisclosureRules disclosure, TextCipher cipher,
            ApplicationEventPublisher events, Clock clock) {
        this.referrals = referrals;
        this.participants = participants;
        this.disclosure = disclosure;
        this.cipher = cipher;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Referral submit(Actor sender, NewReferral request) {
        if (!participants.handlesCases(request.toAgency())) {
            throw new InvalidInput("toAgency", "is not a participating agency that works cases");
        }
        if (request.toAgency().equals(sender.agency())) {
            throw new InvalidInput("toAgency", "must be another agency than the sender");
        }
        disclosure.requireValid(request.legalBasis(), sender.agency(), request.subject().ref(), request.toAgency(),
            request.purpose());
        var summary = seal(request.subject().ref(), request.summary());
        ReferralEvent.Submitted submitted = Referral.submit(sender, request, summary, Instant.now(clock));
        referrals.insert(submitted.referral());
        events.publishEvent(submitted);
        return submitted.referral();
    }

    /** The referral, if the caller's agency is its sender, receiver or owner; otherwise not found. */
    @Transactional(readOnly = true)
    public Referral get(UUID id, String agency) {
        return referrals.find(id).filter(referral -> referral.isVisibleTo(agency))
            .orElseThrow(() -> new ReferralNotFound(id));
    }

    /**
     * The person a referral is about, whoever asks: for the access log only, which records refused attempts and
     * reads of records that belong to the case under the person's ref.
     */
    @Transactional(readOnly = true)
    public java.util.Optional<String> subjectRefOf(UUID id) {
        return referrals.find(id).map(referral -> referral.subject().ref());
    }

    /** The persons several referrals are about, in one query: for the access log's record of a list only. */
    @Transactional(readOnly = true)
    public java.util.Map<UUID, String> subjectRefsOf(java.util.Collection<UUID> ids) {
        return referrals.subjectRefs(ids);
    }

    /** The referral's free text in clear, for an agency that may see it; null once its subject is erased. */
    public String reveal(Referral referral, EncryptedText text) {
        return cipher.open(text, referral.subjectKey());
    }

    @Transactional(readOnly = true)
    public PageOf<Referral> list(String agency, Referrals.Box box, ReferralStatus status, int page, int size) {
        return new PageOf<>(referrals.page(box, agency, status, page, size), page, size,
            referrals.count(box, agency, status));
    }

    @Transactional
    public Referral receive(UUID id, Actor actor) {
        return change(id, actor, (referral, now) -> referral.receive(actor, now));
    }

    @Transactional
    public Referral accept(UUID id, Actor actor) {
        return change(id, actor, (referral, now) -> referral.accept(actor, now));
    }

    @Transactional
    public Referral decline(UUID id, Actor actor, DeclineReason reason, String comment) {
        return change(id, actor, (referral, now) ->
            referral.decline(actor, reason, seal(referral.subject().ref(), comment), now));
    }

    @Transactional
    public Referral withdraw(UUID id, Actor actor) {
        return change(id, actor, (referral, now) -> referral.withdraw(actor, now));
    }

    @Transactional
    public Referral close(UUID id, Actor actor) {
        return change(id, actor, (referral, now) -> referral.close(actor, now));
    }

    /**
     * Tells both sides of every open referral that relied on a consent that the consent is gone, in the
     * transaction that withdrew or expired it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int consentRevoked(UUID consentId, Actor actor) {
        List<Referral> affected = referrals.lockOpenRelyingOn(consentId);
        Instant now = Instant.now(clock);
        affected.forEach(referral -> events.publishEvent(
            new ReferralEvent.ConsentRevoked(UUID.randomUUID(), now, actor, referral, consentId)));
        return affected.size();
    }

    /** The referral, locked for a change by the caller's agency; not found unless the agency may see it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Referral lockVisible(UUID id, String agency) {
        return referrals.lock(id).filter(found -> found.isVisibleTo(agency))
            .orElseThrow(() -> new ReferralNotFound(id));
    }

    /** The referral, locked for a change decided by a party to one of its handovers. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Referral lock(UUID id) {
        return referrals.lock(id).orElseThrow(() -> new ReferralNotFound(id));
    }

    /** Saves a change made by another feature (a handover) to a referral locked with {@link #lockVisible}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void save(Referral referral) {
        referrals.update(referral);
    }

    /** Checks a legal basis for the discloser telling another agency about the referral's case. */
    public void requireDisclosable(LegalBasis basis, String discloser, Referral referral, String toAgency) {
        disclosure.requireValid(basis, discloser, referral.subject().ref(), toAgency, referral.purpose());
    }

    /**
     * Deletes the subject's free text that is sealed directly under a master key (stored before data keys
     * existed), in the transaction of the subject's erasure; how many referrals it changed.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int eraseDirectTexts(String subjectRef) {
        return referrals.deleteDirectTexts(subjectRef);
    }

    private EncryptedText seal(String subjectRef, String text) {
        return text == null || text.isBlank() ? null : cipher.seal(subjectRef, text);
    }

    private Referral change(UUID id, Actor actor, BiFunction<Referral, Instant, ReferralEvent> transition) {
        Referral referral = lockVisible(id, actor.agency());
        ReferralEvent event = transition.apply(referral, Instant.now(clock));
        referrals.update(referral);
        events.publishEvent(event);
        return referral;
    }
}
