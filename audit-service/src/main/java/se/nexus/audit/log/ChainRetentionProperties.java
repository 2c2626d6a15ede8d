package se.nexus.audit.log;

import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the audit chain keeps its entries ({@code nexus.audit.retention}). Nothing deletes an entry: the chain is
 * append-only (the service's database role may only insert and select), every hash binds an entry to all before it,
 * and no retention job prunes it. The access events it holds ({@code CaseAccessed}, {@code AccessRefused}) must be
 * kept at least five years, and so must the record of every deletion elsewhere ({@code RecordsPurged}); keeping the
 * chain whole meets that. This is the floor that any archiving of old entries out of the database must respect, and
 * the service refuses to start with less than five years.
 *
 * @param minimum how long every entry is kept at least, counted from its append
 */
@ConfigurationProperties("nexus.audit.retention")
public record ChainRetentionProperties(@DefaultValue("P5Y") Period minimum) {

    /** Five years: what the access log must be kept for. */
    static final Period FLOOR = Period.ofYears(5);

    public ChainRetentionProperties {
        if (minimum.toTotalMonths() < FLOOR.toTotalMonths()) {
            throw new IllegalArgumentException("nexus.audit.retention.minimum must be at least " + FLOOR
                + ": the chain holds the access log and the record of every deletion");
        }
    }
}
