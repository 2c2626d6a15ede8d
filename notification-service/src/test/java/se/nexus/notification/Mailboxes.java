package se.nexus.notification;

import java.util.List;

import jakarta.mail.internet.MimeMessage;

import se.nexus.infrastructure.MailServer;

/** The function mailboxes on a real mail server (GreenMail) that the tests can take down and bring back on its port. */
final class Mailboxes implements AutoCloseable {

    private MailServer server = MailServer.start(0, 0);
    private final int smtpPort = server.smtpPort();
    private final int imapPort = server.imapPort();

    int smtpPort() {
        return smtpPort;
    }

    synchronized List<MimeMessage> received() {
        return server == null ? List.of() : server.received();
    }

    /** The mail server stops answering; what it held is gone. */
    synchronized void down() {
        server.stop();
        server = null;
    }

    /** The mail server answers again, on the same ports, with empty mailboxes. */
    synchronized void up() {
        server = MailServer.start(smtpPort, imapPort);
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop();
        }
    }
}
