package se.nexus.support.retention;

import java.time.Duration;
import java.time.Period;

/**
 * A class of records the retention job deletes, as its purge event names it: a code such as {@code referrals}, and
 * its configured retention period in ISO-8601.
 */
public record RecordClass(String name, String retainedFor) {

    public static RecordClass of(String name, Period period) {
        return new RecordClass(name, period.toString());
    }

    /** Whole days are written as days ({@code P30D}), anything else as ISO-8601 time ({@code PT24H}). */
    public static RecordClass of(String name, Duration duration) {
        boolean wholeDays = duration.toSeconds() % 86_400 == 0 && duration.toNanosPart() == 0 && !duration.isZero();
        return new RecordClass(name, wholeDays ? "P" + duration.toDays() + "D" : duration.toString());
    }
}
