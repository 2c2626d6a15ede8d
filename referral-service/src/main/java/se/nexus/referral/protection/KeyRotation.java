package se.nexus.referral.protection;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Re-wraps data keys under the active master key, a batch per transaction. The data keys themselves do not
 * change, so no text is re-encrypted and reads go on throughout: each row names the master key that wraps it.
 * Safe with several instances ({@code SKIP LOCKED}) and restartable: what is left to do is what the rows say.
 */
@Service
public class KeyRotation {

    private final SubjectKeys subjectKeys;
    private final MasterKeys masterKeys;
    private final Clock clock;

    KeyRotation(SubjectKeys subjectKeys, MasterKeys masterKeys, Clock clock) {
        this.subjectKeys = subjectKeys;
        this.masterKeys = masterKeys;
        this.clock = clock;
    }

    public String activeKeyId() {
        return masterKeys.activeKeyId();
    }

    /** Every configured master key id: text whose key id is one of these was sealed directly under it. */
    public Set<String> masterKeyIds() {
        return masterKeys.keyIds();
    }

    /**
     * Re-wraps up to {@code limit} data keys that another configured master key wraps; how many it did. Keys under
     * a master key this instance does not have are left alone: it could not unwrap them.
     */
    @Transactional
    public int rewrapBatch(int limit) {
        Set<String> others = retiringKeyIds();
        if (others.isEmpty()) {
            return 0;
        }
        List<SubjectKey> due = subjectKeys.lockWrappedUnder(others, limit);
        Instant now = Instant.now(clock);
        due.forEach(key -> subjectKeys.rewrap(masterKeys.wrap(key.id(), masterKeys.unwrap(key)), now));
        return due.size();
    }

    /** The master key ids that are configured but not active: the ones the rotation moves data keys off. */
    Set<String> retiringKeyIds() {
        return masterKeys.keyIds().stream().filter(id -> !id.equals(masterKeys.activeKeyId()))
            .collect(Collectors.toSet());
    }
}
