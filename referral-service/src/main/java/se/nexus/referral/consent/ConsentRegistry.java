package se.nexus.referral.consent;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.nexus.referral.referral.Actor;
import se.nexus.referral.referral.Purpose;
import se.nexus.referral.referral.ReferralManagement;
import se.nexus.support.participants.Participants;
import se.nexus.support.web.InvalidInput;

/** Records, withdraws and expires consents, and answers whether one covers a disclosure. */
@Service
public class ConsentRegistry {

    static final Actor SYSTEM = new Actor("nexus", "system:consent-expiry");

    private final Consents consents;
    private final Participants participants;
    private final ReferralManagement referrals;
    private final ApplicationEventPublisher events;
    private final ConsentProperties properties;
    private final Clock clock;

    ConsentRegistry(Consents consents, Participants participants, ReferralManagement referrals,
            ApplicationEventPublisher events, ConsentProperties properties, Clock clock) {
        this.consents = consents;
        this.properties = properties;
        this.referrals = referrals;
        this.participants = participants;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Consent grant(Actor actor, String subjectRef, List<String> grantedTo, Purpose purpose,
            List<String> dataCategories, LocalDate validFrom, LocalDate validUntil, String obtained) {
        grantedTo.stream().filter(agency -> !participants.knows(agency)).findFirst().ifPresent(agency -> {
            throw new InvalidInput("grantedTo", "names an agency that does not participate");
        });
        LocalDate today = today();
        LocalDate from = validFrom == null ? today : validFrom;
        if (from.isBefore(today.minus(properties.maxBackdating()))) {
            throw new InvalidInput("validFrom", "may be at most " + properties.maxBackdating() + " before today");
        }
        if (validUntil.isBefore(from) || validUntil.isBefore(today)) {
            throw new InvalidInput("validUntil", "must be today or later, and not before validFrom");
        }
        if (validUntil.isAfter(today.plus(properties.maxValidity()))) {
            throw new InvalidInput("validUntil", "may be at most " + properties.maxValidity() + " after today");
        }
        Instant now = Instant.now(clock);
        var consent = new Consent(UUID.randomUUID(), subjectRef, actor.agency(), List.copyOf(grantedTo), purpose,
            List.copyOf(dataCategories), from, validUntil, obtained, Consent.Status.ACTIVE, now, null);
        consents.insert(consent);
        events.publishEvent(new ConsentEvent.Granted(UUID.randomUUID(), now, actor, consent));
        return consent;
    }

    @Transactional
    public Consent withdraw(UUID id, Actor actor) {
        Consent consent = get(id, actor.agency());
        Instant now = Instant.now(clock);
        if (consents.end(id, Consent.Status.WITHDRAWN, now)) {
            events.publishEvent(new ConsentEvent.Withdrawn(UUID.randomUUID(), now, actor, consent));
            referrals.consentRevoked(id, actor);
        }
        return get(id, actor.agency());
    }

    /** The person a consent is about, whoever asks: for the access log's record of a refused attempt only. */
    @Transactional(readOnly = true)
    public java.util.Optional<String> subjectRefOf(UUID id) {
        return consents.find(id).map(Consent::subjectRef);
    }

    @Transactional(readOnly = true)
    public Consent get(UUID id, String agency) {
        return consents.find(id).filter(consent -> consent.isVisibleTo(agency))
            .orElseThrow(() -> new ConsentNotFound(id));
    }

    /** The subject's consents that the agency recorded or is named in. */
    @Transactional(readOnly = true)
    public List<Consent> ofSubject(String subjectRef, String agency) {
        return consents.ofSubject(subjectRef).stream().filter(consent -> consent.isVisibleTo(agency)).toList();
    }

    /**
     * Ends consents past their validity, at most 500 per call ({@link ConsentExpirySchedule} calls it). Safe
     * with several instances: each locks the rows it expires and skips rows another instance holds.
     */
    @Transactional
    public int expireDue() {
        Instant now = Instant.now(clock);
        List<Consent> due = consents.lockExpired(today(), 500);
        for (Consent consent : due) {
            consents.end(consent.id(), Consent.Status.EXPIRED, now);
            events.publishEvent(new ConsentEvent.Expired(UUID.randomUUID(), now, SYSTEM, consent));
            referrals.consentRevoked(consent.id(), SYSTEM);
        }
        return due.size();
    }

    private LocalDate today() {
        return ActiveConsents.today(clock);
    }
}
