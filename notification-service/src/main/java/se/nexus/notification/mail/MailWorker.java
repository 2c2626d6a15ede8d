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
import jakarta.mail.util.StreamProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
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

    /** The system property Jakarta Mail reads before it searches the class path for its stream provider. */
    private static final String STREAM_PROVIDER = StreamProvider.class.getName();

    static {
        // Jakarta Mail 2.1 looks its stream provider up with a ServiceLoader scan of every jar for each encoded header
        // and body part (jakartaee/mail-api issue 861): a third of this service's CPU under load. Named, it is
        // loaded by class name instead (Angus Mail's, the implementation Spring Boot's mail starter brings).
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

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
        List<Outgoing> outgoing = new ArrayList<>();
        for (Delivery delivery : claimed) {
            if (delivery.digest()) {
                digests.computeIfAbsent(delivery.recipient(), address -> new ArrayList<>()).add(delivery);
            } else {
                compose(List.of(delivery), messages.alert(delivery.kind(), inbox.get(delivery.notificationId(),
                    delivery.agency())), outgoing);
            }
        }
        digests.values().forEach(group -> compose(group, group.size() == 1
            ? messages.alert(group.get(0).kind(), inbox.get(group.get(0).notificationId(), group.get(0).agency()))
            : messages.digest(group.stream().map(d -> inbox.get(d.notificationId(), d.agency())).toList()), outgoing));
        sendAll(outgoing);
    }

    private void compose(List<Delivery> group, AlertMessages.Message message, List<Outgoing> outgoing) {
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
            outgoing.add(new Outgoing(email, group));
        } catch (MessagingException e) {
            group.forEach(delivery -> noteFailure(delivery, e));
        }
    }

    /**
     * Sends one poll's messages over one connection to the mail server (a connection per message cost more than
     * the messages themselves); each message that the server refused, or that a lost connection left unsent, is
     * noted as failed on its own, and the rest as delivered.
     */
    private void sendAll(List<Outgoing> outgoing) {
        if (outgoing.isEmpty()) {
            return;
        }
        Map<Object, Exception> failed = Map.of();
        Exception failedAll = null;
        try {
            mail.send(outgoing.stream().map(Outgoing::email).toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            // Without messages named it is unknown which went out: all are tried again, as a single send would be.
            failed = e.getFailedMessages();
            failedAll = failed.isEmpty() ? e : null;
        } catch (MailException e) {
            failedAll = e;
        }
        Instant sent = Instant.now(clock);
        for (Outgoing message : outgoing) {
            Exception failure = failedAll != null ? failedAll : failed.get(message.email());
            if (failure == null) {
                message.group().forEach(delivery -> deliveries.noteDelivered(delivery.id(), delivery.attempts() + 1, sent));
            } else {
                Exception cause = failure;
                message.group().forEach(delivery -> noteFailure(delivery, cause));
            }
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

    /** A composed message and the deliveries it carries. */
    private record Outgoing(MimeMessage email, List<Delivery> group) {
    }
}
