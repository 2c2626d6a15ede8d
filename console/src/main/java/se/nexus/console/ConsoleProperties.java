package se.nexus.console;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the console finds the identity provider and the services, and how long a stream to the browser may stay open.
 * @param issuerUri the identity provider (OpenID Connect issuer) people sign in at
 * @param clientId the console's public client at that provider
 * @param discovery whether to read the provider's endpoints from its OpenID Connect discovery document at start-up
 *     (a production provider such as Keycloak); otherwise they are the local identity provider's, derived from the issuer
 * @param referralService base URL of the referral service's public API
 * @param notificationService base URL of the notification service's public API
 * @param auditService base URL of the audit service's public API
 * @param streamTimeout how long one live stream to a browser stays open before the browser reconnects
 */
@ConfigurationProperties("nexus.console")
public record ConsoleProperties(URI issuerUri, String clientId, boolean discovery, URI referralService, URI notificationService,
		URI auditService, Duration streamTimeout) {
}
