package se.nexus.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;

import se.nexus.notification.delivery.Deliveries;
import se.nexus.notification.delivery.Delivery;
import se.nexus.notification.notification.CaseEventType;
import se.nexus.notification.notification.Notification;
import se.nexus.notification.notification.NotificationInbox;
import se.nexus.notification.notification.Urgency;

/** One poll's alerts go over one connection; what the mail server refused is retried on its own, the rest is done. */
class MailWorkerTests {

    private static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");
    private static final String AGENCY = "se.uppsala.socialtjanst";

    private final Deliveries deliveries = mock(Deliveries.class);
    private final NotificationInbox inbox = mock(NotificationInbox.class);
    private final JavaMailSender mail = mock(JavaMailSender.class);
    private MailWorker worker;

    @BeforeEach
    void setUp() {
        MailProperties properties = new MailProperties(true, "nexus@localhost", URI.create("http://localhost:8080"),
            ZoneId.of("Europe/Stockholm"), Duration.ofSeconds(1), 50, 10, Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(1), null, List.of());
        worker = new MailWorker(deliveries, inbox, properties, mail, Clock.fixed(NOW, ZoneOffset.UTC));
        when(mail.createMimeMessage()).thenAnswer(call -> new MimeMessage(Session.getInstance(new Properties())));
        when(inbox.get(any(), eq(AGENCY))).thenAnswer(call -> notification(call.getArgument(0)));
    }

    @Test
    void allDueAlertsGoOutInOneSendAndEachIsNotedDelivered() {
        List<Delivery> due = List.of(due("a@example.org"), due("b@example.org"), due("c@example.org"));
        claim(due);

        worker.sendDue();

        ArgumentCaptor<MimeMessage[]> sent = ArgumentCaptor.forClass(MimeMessage[].class);
        verify(mail, times(1)).send(sent.capture());
        assertThat(sent.getValue()).hasSize(3);
        due.forEach(delivery -> verify(deliveries).noteDelivered(delivery.id(), 1, NOW));
        verify(deliveries, never()).noteFailed(any(), anyInt(), anyString(), any(), any());
    }

    @Test
    void aMessageTheServerRefusedIsRetriedAloneAndTheOthersAreDelivered() {
        Delivery refused = due("refused@example.org");
        Delivery first = due("a@example.org");
        Delivery last = due("b@example.org");
        claim(List.of(first, refused, last));
        refuseMailTo("refused@example.org");

        worker.sendDue();

        verify(deliveries).noteDelivered(first.id(), 1, NOW);
        verify(deliveries).noteDelivered(last.id(), 1, NOW);
        verify(deliveries, never()).noteDelivered(eq(refused.id()), anyInt(), any());
        verify(deliveries).noteFailed(eq(refused.id()), eq(1), eq("MessagingException"), eq(Delivery.State.PENDING),
            any());
    }

    @Test
    void aLostConnectionLeavesEveryAlertPendingForTheNextAttempt() {
        List<Delivery> due = List.of(due("a@example.org"), due("b@example.org"));
        claim(due);
        doThrow(new MailSendException("Mail server connection failed")).when(mail).send(any(MimeMessage[].class));

        worker.sendDue();

        verify(deliveries, never()).noteDelivered(any(), anyInt(), any());
        due.forEach(delivery -> verify(deliveries).noteFailed(eq(delivery.id()), eq(1), eq("MailSendException"),
            eq(Delivery.State.PENDING), any()));
    }

    /** The mail server refuses the message to this address, as JavaMailSenderImpl reports it: per message. */
    private void refuseMailTo(String recipient) {
        doAnswer(call -> {
            Map<Object, Exception> failed = new LinkedHashMap<>();
            for (Object argument : call.getRawArguments()) {
                for (MimeMessage message : (MimeMessage[]) argument) {
                    if (message.getRecipients(Message.RecipientType.TO)[0].toString().equals(recipient)) {
                        failed.put(message, new MessagingException("550 mailbox unavailable"));
                    }
                }
            }
            throw new MailSendException(failed);
        }).when(mail).send(any(MimeMessage[].class));
    }

    private void claim(List<Delivery> due) {
        when(deliveries.claim(eq(Delivery.Channel.EMAIL), eq(NOW), any(), anyInt(), anyInt(), any())).thenReturn(due);
    }

    private static Delivery due(String address) {
        return Delivery.pending(UUID.randomUUID(), AGENCY, Delivery.Channel.EMAIL, address, Delivery.Kind.NOTIFIED,
            false, NOW, NOW);
    }

    private static Notification notification(UUID id) {
        return new Notification(id, 1, AGENCY, "a@example.org", UUID.randomUUID(), "subject", UUID.randomUUID(),
            CaseEventType.REFERRAL_SUBMITTED, Urgency.IMMEDIATE, NOW, NOW.plusSeconds(3600), null, null, null, null,
            null);
    }
}
