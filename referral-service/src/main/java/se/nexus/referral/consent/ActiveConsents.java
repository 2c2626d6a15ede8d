package se.nexus.referral.consent;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import se.nexus.referral.referral.ConsentCheck;
import se.nexus.referral.referral.Purpose;

/** Answers whether an active consent covers a disclosure, on the day as it is in Sweden. */
@Component
class ActiveConsents implements ConsentCheck {

    /** Validity periods are Swedish calendar days. */
    static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");

    private final Consents consents;
    private final Clock clock;

    ActiveConsents(Consents consents, Clock clock) {
        this.consents = consents;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public boolean covers(UUID consentId, String discloser, String subjectRef, String toAgency, Purpose purpose) {
        return consents.find(consentId).filter(consent -> consent.isVisibleTo(discloser))
            .filter(consent -> consent.covers(subjectRef, toAgency, purpose, today(clock))).isPresent();
    }

    static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(ZONE));
    }
}
