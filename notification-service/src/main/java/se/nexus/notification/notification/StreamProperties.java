package se.nexus.notification.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The server-sent-events stream of new notifications ({@code nexus.notification.stream}).
 *
 * @param pollInterval how often the database is read for each subscriber's new notifications
 * @param batchSize notifications sent to one subscriber per poll, at most
 * @param settle how old a notification must be before it is streamed, longer than any transaction that creates
 *     one: a stream never passes a notification whose transaction has not committed yet
 * @param timeout how long a stream stays open; clients reconnect with {@code Last-Event-ID}
 * @param keepAlive longest silence before a comment line is sent, to find closed connections
 * @param maxSubscribers open streams per instance; more are refused with 503
 * @param maxSubscribersPerAgency open streams of one agency per instance; more are refused with 429
 */
@ConfigurationProperties("nexus.notification.stream")
public record StreamProperties(@DefaultValue("500ms") Duration pollInterval, @DefaultValue("100") int batchSize,
        @DefaultValue("1s") Duration settle, @DefaultValue("30m") Duration timeout,
        @DefaultValue("15s") Duration keepAlive, @DefaultValue("500") int maxSubscribers,
        @DefaultValue("50") int maxSubscribersPerAgency) {
}
