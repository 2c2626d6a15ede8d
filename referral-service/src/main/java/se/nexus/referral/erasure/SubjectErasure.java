package se.nexus.referral.erasure;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.nexus.referral.protection.Shredder;
import se.nexus.referral.referral.Actor;
import se.nexus.referral.referral.ReferralManagement;
import se.nexus.support.participants.AgencyKind;
import se.nexus.support.participants.Participants;

/**
 * Erases a person's free text (docs/architecture.md section 6): destroys the subject's data key, so every summary
 * and decline comment sealed under it can never be read again, in backups too, and deletes the text stored before
 * data keys existed, in one transaction with the {@code SubjectErased} event that records it in the audit chain.
 * The referrals themselves stay, with their codes and history.
 */
@Service
public class SubjectErasure {

    private static final Logger log = LoggerFactory.getLogger(SubjectErasure.class);

    private final Shredder shredder;
    private final ReferralManagement referrals;
    private final Participants participants;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SubjectErasure(Shredder shredder, ReferralManagement referrals, Participants participants,
            ApplicationEventPublisher events, Clock clock) {
        this.shredder = shredder;
        this.referrals = referrals;
        this.participants = participants;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Erases the subject's free text; for the API and for the retention job alike. Idempotent: an erasure that
     * finds nothing left to erase changes nothing and publishes nothing. Whether it erased anything.
     */
    @Transactional
    public boolean erase(String subjectRef, ErasureReason reason, Actor actor) {
        // Referral rows first, then the key, the order a change to a referral takes its locks in.
        int direct = referrals.eraseDirectTexts(subjectRef);
        boolean destroyed = shredder.destroy(subjectRef);
        if (!destroyed && direct == 0) {
            return false;
        }
        var erased = new ErasureEvent.SubjectErased(UUID.randomUUID(), Instant.now(clock), actor, subjectRef, reason);
        events.publishEvent(erased);
        log.info("Erasure {} ({}): data key destroyed {}, {} referrals with older text cleared", erased.eventId(),
            reason, destroyed, direct);
        return true;
    }

    /** Only auditors of a resource centre may ask for an erasure; the role was checked before. */
    public void requireMayErase(String agency) {
        if (participants.find(agency).filter(found -> found.kind() == AgencyKind.RESOURCE_CENTRE).isEmpty()) {
            throw new ErasureNotAllowed();
        }
    }
}
