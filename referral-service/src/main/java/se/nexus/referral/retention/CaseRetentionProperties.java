package se.nexus.referral.retention;

import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the referral service keeps case records once a case has ended ({@code nexus.retention.cases}); the job,
 * its interval and the shared records' periods are {@code nexus.retention}. Nexus carries the exchange between the
 * agencies, not their own files: each agency keeps its own record of the case in its own system, under its own
 * rules (the patient record ten years, the social services' file until its own disposal). Five years is the
 * social services' rule for case files (disposal five years after the last entry), the shortest among the agencies
 * whose cases these are, so no agency loses the exchange before its own file; a longer need is a legal hold.
 *
 * @param referrals how long a declined, withdrawn or closed referral is kept, with its handovers and history,
 *     counted from the change that ended it
 * @param consents how long an ended (withdrawn or expired) consent is kept, counted from its end; and never while a
 *     kept referral relies on it, for a consent is the evidence of the legal basis of that referral's disclosure
 */
@ConfigurationProperties("nexus.retention.cases")
public record CaseRetentionProperties(@DefaultValue("P5Y") Period referrals, @DefaultValue("P5Y") Period consents) {
}
