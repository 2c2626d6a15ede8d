package se.nexus.audit.followup;

import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.nexus.support.web.InvalidInput;
import se.nexus.support.web.PageOf;

/** The auditor's side of the follow-up: the flags, and marking one reviewed with a code. */
@Service
public class FlagReviews {

    private final Flags flags;
    private final FollowUpProperties properties;
    private final Clock clock;

    FlagReviews(Flags flags, FollowUpProperties properties, Clock clock) {
        this.flags = flags;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public PageOf<Flag> page(boolean reviewed, int page, int size) {
        return new PageOf<>(flags.page(reviewed, page, size), page, size, flags.count(reviewed));
    }

    /** Marks the flag reviewed; reviewing it again changes nothing and answers the flag as it is. */
    @Transactional
    public Flag review(long id, String code, String agency, String userRef) {
        if (code == null || !properties.reviewCodes().contains(code)) {
            throw new InvalidInput("code", "must be one of " + properties.reviewCodes());
        }
        Flag flag = flags.find(id).orElseThrow(() -> new FlagNotFound(id));
        flags.review(id, code, agency, userRef, clock.instant());
        return flags.find(flag.id()).orElseThrow();
    }

    public List<String> codes() {
        return properties.reviewCodes();
    }
}
