package se.nexus.audit.checkpoint;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Signs the chain head at the configured interval. */
@Component
class CheckpointSchedule {

    private static final Logger log = LoggerFactory.getLogger(CheckpointSchedule.class);

    private final Checkpoints checkpoints;

    CheckpointSchedule(Checkpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    @Scheduled(fixedDelayString = "${nexus.audit.checkpoint.interval}", initialDelayString = "${nexus.audit.checkpoint.interval}")
    void signHead() {
        checkpoints.signIfMoved()
            .ifPresent(checkpoint -> log.info("Signed checkpoint {} at length {}", checkpoint.id(), checkpoint.length()));
    }
}
