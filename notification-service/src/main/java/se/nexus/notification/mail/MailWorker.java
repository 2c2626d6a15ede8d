package se.nexus.notification.mail;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import se.nexus.notification.delivery.Deliveries;
import se.nexus.notification.delivery.Delivery;
import se.nexus.notification.notification.NotificationInbox;

/**
 * Sends due e-mail alerts: one message each, or one per address for ROUTINE alerts gathered into a digest. A mail
 * server that is down only delays alerts: each failure waits longer before the next attempt, and nothing else waits
 * for it (webhooks and the inbox go on).
 */
@Component
class MailWorker implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(MailWorker.class);

    /** The header that names the deliveries a message carries. */
    static final String DELIVERY_HEADER = "X-Nexus-Delivery";

    private final Deliveries deliveries;
    private final NotificationInbox inbox;
    private final MailProperties properties;
    private final JavaMailSender mail;
    private final AlertMessages messages;
    private final Clock clock;

    MailWorker(Deliveries deliveries, NotificationInbox inbox, MailProperties properties, JavaMailSender mail,
            Clock clock) {
        this.deliveries = deliveries;
        this.inbox = inbox;
        this.properties = properties;
        this.mail = mail;
        this.messages = new AlertMessages(properties.zone(), properties.consoleUrl().toString());
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::sendDue, properties.pollInterval());
    }

    void sendDue() {
        if (!properties.enabled()) {
            return;
        }
        Instant now = Instant.now(clock);
        List<Delivery> claimed = deliveries.claim(Delivery.Channel.EMAIL, now, Set.of(), properties.batchSize(),
            properties.batchSize(), now.plus(properties.lease()));
        Map<String, List<Delivery>> digests = new LinkedHashMap<>();
        for (Delivery delivery : claimed) {
            if (delivery.digest()) {
                digests.computeIfAbsent(delivery.recipient(), address -> new ArrayList<>()).add(delivery);
            } else {
                send(List.of(delivery), messages.alert(delivery.kind(), inbox.get(delivery.notificationId(),
                    delivery.agency())));
            }
        }
        digests.values().forEach(group -> send(group, group.size() == 1
            ? messages.alert(group.get(0).kind(), inbox.get(group.get(0).notificationId(), group.get(0).agency()))
            : messages.digest(group.stream().map(d -> inbox.get(d.notificationId(), d.agency())).toList())));
    }

    private void send(List<Delivery> group, AlertMessages.Message message) {
        try {
            MimeMessage email = mail.createMimeMessage();
            MimeMessageHelper content = new MimeMessageHelper(email, StandardCharsets.UTF_8.name());
            content.setFrom(properties.from());
            content.setTo(group.get(0).recipient());
            content.setSubject(message.subject());
            content.setText(message.text());
            // Which deliveries this message is, as the deliveries API names them: for the agency's records, no content.
            email.setHeader(DELIVERY_HEADER,
                String.join(",", group.stream().map(delivery -> delivery.id().toString()).toList()));
            mail.send(email);
            Instant sent = Instant.now(clock);
            group.forEach(delivery -> deliveries.noteDelivered(delivery.id(), delivery.attempts() + 1, sent));
        } catch (MailException | MessagingException e) {
            group.forEach(delivery -> noteFailure(delivery, e));
        }
    }

    private void noteFailure(Delivery delivery, Exception e) {
        int attempt = delivery.attempts() + 1;
        boolean givenUp = attempt >= properties.maxAttempts();
        Instant now = Instant.now(clock);
        deliveries.noteFailed(delivery.id(), attempt, e.getClass().getSimpleName(),
            givenUp ? Delivery.State.FAILED : Delivery.State.PENDING,
            givenUp ? now : now.plus(properties.backoffAfter(attempt)));
        log.warn("E-mail alert {} for {} failed (attempt {}, {}){}", delivery.id(), delivery.agency(), attempt,
            e.getClass().getSimpleName(), givenUp ? "; giving up" : "");
    }
}
