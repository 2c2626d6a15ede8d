package se.nexus.referral.consent;

import java.time.Duration;
import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Consents ({@code nexus.consent}).
 *
 * @param expiryInterval how often consents past their last valid day are ended
 * @param maxBackdating how long before the day it is recorded a consent may start: one given on paper is
 *     sometimes recorded days later, but never a decade later
 * @param maxValidity how far ahead a consent may run: a consent must say for how long (OSL 12:2), and a
 *     lifetime is not an answer
 */
@ConfigurationProperties("nexus.consent")
public record ConsentProperties(@DefaultValue("1m") Duration expiryInterval, @DefaultValue("P30D") Period maxBackdating,
        @DefaultValue("P3Y") Period maxValidity) {
}
