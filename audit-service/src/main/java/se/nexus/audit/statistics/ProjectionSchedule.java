package se.nexus.audit.statistics;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/** Catches the statistics up with the chain as soon as the service has started, then after each interval. */
@Component
class ProjectionSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ProjectionSchedule.class);

    private final StatisticsProjector projector;
    private final StatisticsProperties properties;

    ProjectionSchedule(StatisticsProjector projector, StatisticsProperties properties) {
        this.projector = projector;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(this::catchUp, properties.interval(), Duration.ZERO));
    }

    void catchUp() {
        long projected = projector.catchUp();
        if (projected > 0) {
            log.debug("Projected {} entries of the chain into the statistics", projected);
        }
    }
}
