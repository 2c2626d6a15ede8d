package se.nexus.referral.referral;

import java.util.Locale;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Referral transitions as a meter for operators, counted once committed: {@code nexus.referrals.transitions} by
 * transition, the status it led to and urgency. Codes only: no referral id, agency or person.
 */
@Component
class ReferralMeters {

    private final MeterRegistry meters;

    ReferralMeters(MeterRegistry meters) {
        this.meters = meters;
    }

    @TransactionalEventListener
    void on(ReferralEvent event) {
        meters.counter("nexus.referrals.transitions", "transition", transitionOf(event), "status",
            event.referral().status().name(), "urgency", event.referral().urgency().name()).increment();
    }

    /** SUBMITTED, CONSENT_REVOKED, ...: the event's name as the API's codes are written. */
    static String transitionOf(ReferralEvent event) {
        return event.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
