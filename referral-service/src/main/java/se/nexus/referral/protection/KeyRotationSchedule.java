package se.nexus.referral.protection;

import java.util.List;
import java.util.function.IntUnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Every {@code nexus.protection.rotation.interval}, moves data keys to the active master key and direct text under
 * data keys, batch after batch until none is left. A bean of its own, so each batch is a transaction of its own.
 */
@Component
class KeyRotationSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(KeyRotationSchedule.class);

    private final KeyRotation rotation;
    private final List<DirectTexts> directTexts;
    private final ProtectionProperties.Rotation properties;

    KeyRotationSchedule(KeyRotation rotation, List<DirectTexts> directTexts, ProtectionProperties properties) {
        this.rotation = rotation;
        this.directTexts = directTexts;
        this.properties = properties.rotation();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        if (properties.enabled()) {
            tasks.addFixedDelayTask(this::rotate, properties.interval());
        }
    }

    /** One run: everything there is to move now. */
    void rotate() {
        int keys = drain(rotation::rewrapBatch);
        int texts = directTexts.stream().mapToInt(store -> drain(store::resealBatch)).sum();
        if (keys + texts > 0) {
            log.info("Rotation moved {} data keys to master key {} and {} rows of text under data keys", keys,
                rotation.activeKeyId(), texts);
        }
    }

    /** Batch after batch until one comes back short: a short batch means nothing more is due. */
    private int drain(IntUnaryOperator batch) {
        int total = 0;
        int moved;
        do {
            moved = batch.applyAsInt(properties.batchSize());
            total += moved;
        } while (moved == properties.batchSize());
        return total;
    }
}
