package se.nexus.notification.mail;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import se.nexus.notification.notification.CaseEventType;
import se.nexus.notification.notification.Urgency;

/**
 * E-mail alerts to agencies' function addresses ({@code nexus.notification.mail}); the SMTP server is Spring Boot's
 * {@code spring.mail}.
 *
 * @param enabled whether alerts are recorded and sent at all
 * @param from the sender address of every alert
 * @param consoleUrl where the people's console is: each alert links to its inbox
 * @param zone the time zone of quiet hours, digest periods and the times an alert states
 * @param pollInterval pause between two looks for due alerts
 * @param batchSize alerts claimed at a time
 * @param maxAttempts attempts before an alert is given up as FAILED
 * @param initialBackoff wait after the first failed attempt; doubled after each further one
 * @param maxBackoff longest wait between two attempts
 * @param lease how long claimed alerts stay reserved for the instance sending them
 * @param defaults what every agency gets unless its own settings say otherwise
 * @param agencies each agency's own settings, where they differ from the defaults
 */
@ConfigurationProperties("nexus.notification.mail")
public record MailProperties(@DefaultValue("false") boolean enabled, @DefaultValue("nexus@localhost") String from,
        @DefaultValue("http://localhost:8080") URI consoleUrl, @DefaultValue("Europe/Stockholm") ZoneId zone,
        @DefaultValue("1s") Duration pollInterval, @DefaultValue("50") int batchSize, @DefaultValue("10") int maxAttempts,
        @DefaultValue("5s") Duration initialBackoff, @DefaultValue("5m") Duration maxBackoff,
        @DefaultValue("1m") Duration lease, @DefaultValue Settings defaults, @DefaultValue List<Settings> agencies) {

    public MailProperties {
        agencies = agencies == null ? List.of() : List.copyOf(agencies);
    }

    /** The settings of one agency: its own where given, the defaults for the rest. */
    Settings of(String agency) {
        Optional<Settings> own = agencies.stream().filter(settings -> agency.equals(settings.agency())).findFirst();
        return own.map(settings -> settings.over(defaults)).orElse(defaults);
    }

    /** The wait after {@code failedAttempts} failures: the initial backoff, doubled each time, at most the cap. */
    Duration backoffAfter(int failedAttempts) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 30);
        Duration backoff = initialBackoff.multipliedBy(1L << doublings);
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }

    /**
     * Which notifications alert by e-mail, and when.
     *
     * @param agency the agency these are for (empty in the defaults)
     * @param types the notification types that alert; empty: every type
     * @param urgencies the urgencies that alert; empty: every urgency
     * @param quietHours e.g. {@code 22:00-07:00}: alerts wait until it ends, except IMMEDIATE ones and escalations
     * @param routineDigest ROUTINE alerts are gathered into one message per period of this length; 0: one each
     */
    public record Settings(String agency, Set<CaseEventType> types, Set<Urgency> urgencies, QuietHours quietHours,
            Duration routineDigest) {

        public Settings {
            types = types == null ? null : Set.copyOf(types);
            urgencies = urgencies == null ? null : Set.copyOf(urgencies);
        }

        boolean alerts(CaseEventType type, Urgency urgency) {
            return (types == null || types.isEmpty() || types.contains(type))
                    && (urgencies == null || urgencies.isEmpty() || urgencies.contains(urgency));
        }

        boolean digests(Urgency urgency) {
            return urgency == Urgency.ROUTINE && routineDigest != null && !routineDigest.isZero();
        }

        /** These settings, with the defaults wherever these say nothing. */
        Settings over(Settings defaults) {
            return new Settings(agency, types != null ? types : defaults.types(),
                    urgencies != null ? urgencies : defaults.urgencies(),
                    quietHours != null ? quietHours : defaults.quietHours(),
                    routineDigest != null ? routineDigest : defaults.routineDigest());
        }
    }
}
