package se.nexus.audit.followup;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The systematic follow-up of access ({@code nexus.audit.follow-up}).
 *
 * @param distinctCasesPerHour a person who reads more distinct cases than this within an hour is flagged
 * @param reviewCodes the codes an auditor may close a flag with
 */
@ConfigurationProperties("nexus.audit.follow-up")
public record FollowUpProperties(@DefaultValue("30") int distinctCasesPerHour,
        @DefaultValue({ "LEGITIMATE", "FALSE_POSITIVE", "FOLLOWED_UP_WITH_AGENCY", "REPORTED_TO_DPO" })
        List<String> reviewCodes) {
}
