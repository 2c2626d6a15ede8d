package se.nexus.notification.notification;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/** Checks for overdue notifications at a configured interval, batch by batch until none are due. */
@Component
class EscalationSchedule implements SchedulingConfigurer {

    private final Escalations escalations;
    private final EscalationProperties properties;

    EscalationSchedule(Escalations escalations, EscalationProperties properties) {
        this.escalations = escalations;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(this::check, properties.checkInterval(), properties.checkInterval()));
    }

    void check() {
        // A full batch means more may be due; a short one means the backlog is done until the next check.
        int escalated;
        do {
            escalated = escalations.escalateDue();
        } while (escalated == properties.batchSize());
    }
}
