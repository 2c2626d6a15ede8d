package se.nexus.audit.checkpoint;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/** Signs the chain head at the configured interval. */
@Component
class CheckpointSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(CheckpointSchedule.class);

    private final Checkpoints checkpoints;
    private final CheckpointProperties properties;

    CheckpointSchedule(Checkpoints checkpoints, CheckpointProperties properties) {
        this.checkpoints = checkpoints;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(this::signHead, properties.interval(), properties.interval()));
    }

    void signHead() {
        checkpoints.signIfMoved()
            .ifPresent(checkpoint -> log.info("Signed checkpoint {} at length {}", checkpoint.id(), checkpoint.length()));
    }
}
