package se.nexus.notification.mail;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import se.nexus.notification.delivery.Delivery;
import se.nexus.notification.notification.Notification;
import se.nexus.notification.notification.Urgency;

/**
 * The words of an e-mail alert, in Swedish and then English: that a case needs attention, its urgency and deadline,
 * and a link to the console's inbox. Never a subject ref, free text, referral id or the other party's agency, in the
 * subject line or anywhere else: an ordinary e-mail may pass servers that must not learn about the case.
 */
final class AlertMessages {

    private static final Map<Urgency, String[]> URGENCY = Map.of(Urgency.IMMEDIATE, new String[] {"Akut", "Immediate"},
        Urgency.URGENT, new String[] {"Brådskande", "Urgent"}, Urgency.ROUTINE, new String[] {"Normal", "Routine"});

    private final DateTimeFormatter minute;
    private final String inbox;

    AlertMessages(ZoneId zone, String consoleUrl) {
        this.minute = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
        this.inbox = consoleUrl.replaceAll("/$", "") + "/inbox";
    }

    /** One message. */
    record Message(String subject, String text) {
    }

    Message alert(Delivery.Kind kind, Notification n) {
        String[] urgency = URGENCY.get(n.urgency());
        if (kind == Delivery.Kind.ESCALATED) {
            return new Message("Nexus: ärende har inte kvitterats i tid / case not acknowledged in time",
                lines("Ett ärende har inte kvitterats före sin tidsgräns och har eskalerats. Brådska: " + urgency[0] + ".",
                    "Se inkorgen i Nexus: " + inbox, "",
                    "A case was not acknowledged before its deadline and has been escalated. Urgency: " + urgency[1] + ".",
                    "See the inbox in Nexus: " + inbox));
        }
        String deadline = minute.format(n.deadline());
        return new Message("Nexus: " + urgency[0].toLowerCase() + " ärende att kvittera / " + urgency[1].toLowerCase()
            + " case to acknowledge",
            lines("Ett ärende hos er behöver uppmärksamhet. Brådska: " + urgency[0] + ". Kvittera senast " + deadline
                + " (svensk tid).", "Öppna inkorgen i Nexus: " + inbox, "",
                "A case at your agency needs attention. Urgency: " + urgency[1] + ". Acknowledge by " + deadline
                    + " (Swedish time).", "Open the inbox in Nexus: " + inbox));
    }

    /** One message for several ROUTINE alerts that fell due together. */
    Message digest(List<Notification> notifications) {
        StringBuilder deadlines = new StringBuilder();
        notifications.forEach(n -> deadlines.append("- ").append(minute.format(n.deadline())).append('\n'));
        int count = notifications.size();
        return new Message("Nexus: " + count + " ärenden att kvittera / " + count + " cases to acknowledge",
            lines(count + " ärenden hos er behöver uppmärksamhet (brådska: Normal). Kvittera senast:", deadlines
                + "Öppna inkorgen i Nexus: " + inbox, "",
                count + " cases at your agency need attention (urgency: Routine). Acknowledge by the times above.",
                "Open the inbox in Nexus: " + inbox));
    }

    private static String lines(String... lines) {
        return String.join("\n", lines) + "\n\n-- \nDetta meddelande innehåller inga uppgifter om ärendet. "
            + "This message carries no details of the case.\n";
    }
}
