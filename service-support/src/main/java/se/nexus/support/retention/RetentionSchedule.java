package se.nexus.support.retention;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs the retention job every {@code nexus.retention.interval}, the first time one interval after start-up; not at
 * all when {@code nexus.retention.enabled} is false (read when the tasks are set up, so a test's dynamic properties
 * count too).
 */
class RetentionSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(RetentionSchedule.class);

    private final RetentionJob job;
    private final RetentionProperties properties;

    RetentionSchedule(RetentionJob job, RetentionProperties properties) {
        this.job = job;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        if (!properties.enabled()) {
            log.info("The retention job is off (nexus.retention.enabled=false): nothing is deleted at the end of retention");
            return;
        }
        tasks.addFixedDelayTask(new FixedDelayTask(this::run, properties.interval(), properties.interval()));
    }

    private void run() {
        try {
            job.run();
        } catch (RuntimeException e) {
            // Whatever was deleted is in the ledger; the next run deletes the rest and reports both.
            log.warn("Retention run failed ({}); the next run goes on from here", e.getClass().getSimpleName());
        }
    }
}
