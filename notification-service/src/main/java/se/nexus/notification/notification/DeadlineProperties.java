package se.nexus.notification.notification;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** How long a coordinator has to acknowledge a notification, by urgency ({@code nexus.notification.deadlines}). */
@ConfigurationProperties("nexus.notification")
public record DeadlineProperties(Map<Urgency, Duration> deadlines) {

    Duration of(Urgency urgency) {
        Duration deadline = deadlines.get(urgency);
        if (deadline == null) {
            throw new IllegalStateException("No acknowledgement deadline configured for " + urgency);
        }
        return deadline;
    }
}
