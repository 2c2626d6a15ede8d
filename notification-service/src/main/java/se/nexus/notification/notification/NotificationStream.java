package se.nexus.notification.notification;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import se.nexus.notification.notification.NotificationController.NotificationView;
import se.nexus.support.access.AccessContext;
import se.nexus.support.access.AccessLog;
import se.nexus.support.access.AccessLogUnavailable;

/**
 * Feeds each open stream the new notifications of its agency by reading the database, not by in-memory
 * fan-out: so a stream sees notifications created by any instance, and resumes exactly after the last
 * sequence number the client saw.
 */
@Component
class NotificationStream implements SmartLifecycle, SchedulingConfigurer {

    private static final long RECONNECT_MILLIS = 2000;

    private final Notifications notifications;
    private final StreamProperties properties;
    private final Clock clock;
    private final AccessLog accessLog;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    NotificationStream(Notifications notifications, StreamProperties properties, AccessLog accessLog, Clock clock) {
        this.notifications = notifications;
        this.accessLog = accessLog;
        this.properties = properties;
        this.clock = clock;
    }

    /** Opens a stream of the agency's notifications after {@code lastSeen}, or from now when it is null. */
    SseEmitter subscribe(String agency, AccessContext reader, Long lastSeen) {
        if (!running || subscribers.size() >= properties.maxSubscribers()) {
            throw StreamsExhausted.forInstance();
        }
        if (subscribers.stream().filter(open -> open.agency.equals(agency)).count()
                >= properties.maxSubscribersPerAgency()) {
            throw StreamsExhausted.forAgency();
        }
        SseEmitter emitter = new SseEmitter(properties.timeout().toMillis());
        Subscriber subscriber = new Subscriber(agency, reader, emitter,
            lastSeen == null ? notifications.latestSeq(agency) : lastSeen);
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> subscribers.remove(subscriber));
        emitter.onError(e -> subscribers.remove(subscriber));
        subscribers.add(subscriber);
        open(emitter);
        return emitter;
    }

    /** Sends the headers at once, so the client knows it is subscribed, and how soon to reconnect. */
    private void open(SseEmitter emitter) {
        try {
            emitter.send(SseEmitter.event().reconnectTime(RECONNECT_MILLIS).comment("subscribed"));
        } catch (IOException e) {
            emitter.completeWithError(e);
        }
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::poll, properties.pollInterval());
    }

    void poll() {
        subscribers.forEach(this::feed);
    }

    private void feed(Subscriber subscriber) {
        // Sequence numbers are taken at insert, not at commit: a younger row may still have an older neighbour
        // in flight, so the stream stops at the first row that has not settled and sends it on a later poll.
        Instant settled = Instant.now(clock).minus(properties.settle());
        try {
            List<Notification> due = new ArrayList<>();
            for (Notification n : notifications.after(subscriber.agency, subscriber.lastSent, properties.batchSize())) {
                if (n.createdAt().isAfter(settled)) {
                    break;
                }
                due.add(n);
            }
            // Logged before they are sent; if the log cannot keep up, they are sent on a later poll.
            accessLog.read(subscriber.reader, due.stream().map(NotificationController::accessed).toList());
            for (Notification n : due) {
                subscriber.emitter.send(SseEmitter.event().id(Long.toString(n.seq())).name("notification")
                    .data(NotificationView.of(n), MediaType.APPLICATION_JSON));
                subscriber.sent(n.seq());
            }
            if (System.nanoTime() - subscriber.lastWrite > properties.keepAlive().toNanos()) {
                subscriber.emitter.send(SseEmitter.event().comment("keep-alive"));
                subscriber.sent(subscriber.lastSent);
            }
        } catch (AccessLogUnavailable e) {
            // Nothing was sent; the next poll tries again from the same place.
        } catch (IOException | IllegalStateException e) {
            // The client went away; it resumes from its Last-Event-ID when it reconnects.
            subscribers.remove(subscriber);
            subscriber.emitter.completeWithError(e);
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends every open stream when the service stops, in a phase before the web server's graceful shutdown, which
     * would otherwise wait for streams that never end; clients reconnect to another instance with Last-Event-ID.
     */
    @Override
    public void stop() {
        running = false;
        subscribers.forEach(subscriber -> subscriber.emitter.complete());
        subscribers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** One open stream; only the poll thread moves its position. */
    private static final class Subscriber {

        final String agency;
        final AccessContext reader;
        final SseEmitter emitter;
        volatile long lastSent;
        volatile long lastWrite = System.nanoTime();

        Subscriber(String agency, AccessContext reader, SseEmitter emitter, long lastSent) {
            this.agency = agency;
            this.reader = reader;
            this.emitter = emitter;
            this.lastSent = lastSent;
        }

        void sent(long seq) {
            lastSent = seq;
            lastWrite = System.nanoTime();
        }
    }
}
