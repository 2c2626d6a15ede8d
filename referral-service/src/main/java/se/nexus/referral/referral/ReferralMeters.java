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

    /** SUBMITTED, CONSENT_REVOKED, ...: each event type's name as the API writes codes, worked out once per type. */
    private static final ClassValue<String> TRANSITIONS = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        }
    };

    private final MeterRegistry meters;

    ReferralMeters(MeterRegistry meters) {
        this.meters = meters;
    }

    @TransactionalEventListener
    void on(ReferralEvent event) {
        meters.counter("nexus.referrals.transitions", "transition", TRANSITIONS.get(event.getClass()), "status",
            event.referral().status().name(), "urgency", event.referral().urgency().name()).increment();
    }
}
