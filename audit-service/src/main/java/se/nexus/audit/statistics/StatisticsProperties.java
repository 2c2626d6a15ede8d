package se.nexus.audit.statistics;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Statistics without personal data ({@code nexus.statistics}).
 *
 * @param threshold counts from 1 to threshold−1 are withheld, and so is what would give them away
 * @param interval how long the projection waits between catching up with the chain
 * @param batchSize how many entries of the chain one transaction of the projection takes
 * @param personKey the secret key people, cases and notifications are hashed with: at least 32 bytes, base64; blank
 *     means development mode (a generated key in {@code devKeyFile})
 * @param devKeyFile where development mode keeps its generated key between runs
 * @param concerns the concern codes of a referral, shown as columns even when none was counted (the referral
 *     service's API defines them)
 * @param declineReasons the reason codes of a declined referral, likewise
 * @param provisionCodes the statutory provisions a referral may rest on besides consent, likewise
 */
@ConfigurationProperties("nexus.statistics")
public record StatisticsProperties(
        @DefaultValue("5") int threshold,
        @DefaultValue("1s") Duration interval,
        @DefaultValue("2000") int batchSize,
        String personKey,
        Path devKeyFile,
        @DefaultValue({ "THREATS", "VIOLENCE", "RESTRICTED_FREEDOM", "FORCED_MARRIAGE", "CHILD_MARRIAGE",
            "GENITAL_MUTILATION", "ABDUCTION_ABROAD", "HONOUR_NORMS", "CHILD_AT_RISK", "OTHER" }) List<String> concerns,
        @DefaultValue({ "NOT_IN_REMIT", "INSUFFICIENT_INFORMATION", "ALREADY_KNOWN", "REFERRED_ELSEWHERE", "NO_CONSENT",
            "OTHER" }) List<String> declineReasons,
        @DefaultValue({ "OSL_10_18C", "OSL_25_12", "OSL_26_9", "OSL_10_28", "CHILD_CONCERN_REPORT", "OSL_10_2" })
        List<String> provisionCodes) {

    public StatisticsProperties {
        if (threshold < 1) {
            throw new IllegalArgumentException("nexus.statistics.threshold must be at least 1");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("nexus.statistics.batch-size must be at least 1");
        }
    }
}
