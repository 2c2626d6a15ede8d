package se.nexus.referral.consent;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Ends consents past their validity every {@code nexus.consent.expiry-interval}. A bean of its own, so each
 * run goes through the registry's transactional proxy.
 */
@Component
class ConsentExpirySchedule implements SchedulingConfigurer {

    private final ConsentRegistry registry;
    private final ConsentProperties properties;

    ConsentExpirySchedule(ConsentRegistry registry, ConsentProperties properties) {
        this.registry = registry;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(registry::expireDue, properties.expiryInterval());
    }
}
