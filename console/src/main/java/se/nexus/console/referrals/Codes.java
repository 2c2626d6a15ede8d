package se.nexus.console.referrals;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The codes the forms offer, as the referral service's API defines them; the words for each are in the message
 * bundles. Configuration, so that a deployment with other provisions or data categories changes no code.
 */
@ConfigurationProperties("nexus.console.codes")
public record Codes(List<String> urgencies, List<String> concerns, List<String> purposes, List<String> provisions,
		List<String> dataCategories, List<String> obtained, List<String> declineReasons, List<String> handoverReasons,
		List<String> handoverDeclineReasons, List<String> statuses) {
}
