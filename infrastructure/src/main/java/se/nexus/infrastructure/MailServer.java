package se.nexus.infrastructure;

import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP and IMAP server (GreenMail) for the e-mail alerts, in the local stack and the tests. It accepts mail
 * for any address and keeps each address's mail in its own mailbox, readable over IMAP with the address as both user
 * name and password. Mail is kept in memory: it is gone when the server stops.
 */
public final class MailServer {

	private final GreenMail greenMail;

	private MailServer(GreenMail greenMail) {
		this.greenMail = greenMail;
	}

	/** Starts SMTP and IMAP on these ports on localhost; 0 takes a free port. */
	public static MailServer start(int smtpPort, int imapPort) {
		ServerSetup smtp = new ServerSetup(Ports.orFree(smtpPort), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
		ServerSetup imap = new ServerSetup(Ports.orFree(imapPort), "127.0.0.1", ServerSetup.PROTOCOL_IMAP);
		// GreenMail gives an unknown recipient a mailbox whose user name and password are its address.
		GreenMail greenMail = new GreenMail(new ServerSetup[] {smtp, imap});
		greenMail.start();
		return new MailServer(greenMail);
	}

	public int smtpPort() {
		return greenMail.getSmtp().getPort();
	}

	public int imapPort() {
		return greenMail.getImap().getPort();
	}

	/** Every message received so far, in the order received. */
	public List<MimeMessage> received() {
		return Arrays.asList(greenMail.getReceivedMessages());
	}

	public void stop() {
		greenMail.stop();
	}

	@Override
	public String toString() {
		return "GreenMail SMTP " + smtpPort() + ", IMAP " + imapPort();
	}
}
