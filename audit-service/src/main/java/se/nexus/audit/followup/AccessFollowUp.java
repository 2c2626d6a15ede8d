package se.nexus.audit.followup;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import se.nexus.audit.chain.Entry;
import se.nexus.audit.log.StoredEntry;

/**
 * Looks at each entry as it joins the chain and flags, for the auditor, reads that look wrong: a protected person's
 * case read by an agency with no open part in it, any refused attempt, and a person reading more distinct cases in an
 * hour than the configured limit. Runs in the transaction that appends the entries, so nothing is judged twice.
 */
@Service
public class AccessFollowUp {

    static final String ACCESSED = "se.nexus.events.access.CaseAccessed";
    static final String REFUSED = "se.nexus.events.access.AccessRefused";

    /** The events after which a case is no longer open to anyone. */
    private static final Set<String> ENDINGS = Set.of("se.nexus.events.referral.ReferralDeclined",
        "se.nexus.events.referral.ReferralWithdrawn", "se.nexus.events.referral.ReferralClosed");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Flags flags;
    private final FollowUpProperties properties;
    private final Clock clock;

    AccessFollowUp(Flags flags, FollowUpProperties properties, Clock clock) {
        this.flags = flags;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void examine(List<StoredEntry> appended) {
        appended.forEach(stored -> examine(stored.entry()));
    }

    private void examine(Entry e) {
        if (e.eventType().startsWith("se.nexus.events.referral.") || e.eventType().startsWith("se.nexus.events.handover.")) {
            if (e.referralId() != null) {
                JsonNode details = details(e);
                flags.noteCase(e.referralId(), details.has("protectedIdentity")
                    ? details.get("protectedIdentity").asBoolean() : null, e.agencies(), ENDINGS.contains(e.eventType()));
            }
        } else if (REFUSED.equals(e.eventType())) {
            raise("REFUSED:" + e.eventId(), Flag.REFUSED_ATTEMPT, e);
        } else if (ACCESSED.equals(e.eventType())) {
            examineRead(e);
        }
    }

    private void examineRead(Entry e) {
        if (e.referralId() != null && flags.isProtectedAndNotOpenTo(e.referralId(), e.actingAgency())) {
            raise("PROTECTED:" + e.eventId(), Flag.PROTECTED_IDENTITY_READ, e);
        }
        boolean person = "PERSON".equals(details(e).path("holder").asString(""));
        Instant at = e.occurredAt() == null ? clock.instant() : Instant.ofEpochMilli(e.occurredAt());
        if (person && flags.distinctCasesRead(e.actingAgency(), e.actingUserRef(), at) > properties.distinctCasesPerHour()) {
            // Once per person and hour: the auditor reviews the hour, not each read in it.
            raise("MANY:" + e.actingAgency() + ":" + e.actingUserRef() + ":" + at.truncatedTo(ChronoUnit.HOURS),
                Flag.MANY_CASES_READ, e);
        }
    }

    private void raise(String key, String kind, Entry e) {
        flags.raise(key, kind, e.position(), e.actingAgency(), e.actingUserRef(), e.referralId(), e.subjectRef(),
            clock.instant());
    }

    private static JsonNode details(Entry e) {
        return e.details() == null ? JSON.createObjectNode() : JSON.readTree(e.details());
    }
}
