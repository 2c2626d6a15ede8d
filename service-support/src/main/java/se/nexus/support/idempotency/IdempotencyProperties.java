package se.nexus.support.idempotency;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Idempotency keys on creating POSTs.
 *
 * @param enabled whether the service honours {@code Idempotency-Key}
 * @param ttl how long a key is remembered; after that the same key creates anew, and the retention job deletes the
 *     record with its stored answer
 */
@ConfigurationProperties("nexus.idempotency")
public record IdempotencyProperties(@DefaultValue("false") boolean enabled, @DefaultValue("24h") Duration ttl) {
}
