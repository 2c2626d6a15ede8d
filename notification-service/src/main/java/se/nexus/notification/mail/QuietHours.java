package se.nexus.notification.mail;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** A daily span, such as 22:00-07:00, when an agency wants no alerts that can wait; it may cross midnight. */
public record QuietHours(LocalTime from, LocalTime until) {

    /** Parses {@code HH:mm-HH:mm}; Spring Boot uses it to read the setting. */
    public static QuietHours valueOf(String text) {
        String[] ends = text.trim().split("-");
        if (ends.length != 2) {
            throw new IllegalArgumentException("Quiet hours must be HH:mm-HH:mm, not " + text);
        }
        return new QuietHours(LocalTime.parse(ends[0].trim()), LocalTime.parse(ends[1].trim()));
    }

    /** The moment these quiet hours end, if {@code at} falls within them; otherwise {@code at} itself. */
    Instant endIfWithin(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        boolean crossesMidnight = from.isAfter(until);
        boolean within = crossesMidnight ? !time.isBefore(from) || time.isBefore(until)
                : !time.isBefore(from) && time.isBefore(until);
        if (!within) {
            return at;
        }
        ZonedDateTime end = local.with(until).withSecond(0).withNano(0);
        if (!end.isAfter(local)) {
            end = end.plusDays(1);
        }
        return end.toInstant();
    }
}
