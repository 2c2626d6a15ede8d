package se.nexus.console.inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import se.nexus.console.ConsoleProperties;
import se.nexus.console.security.Registration;

/**
 * Relays the notification service's live stream to the coordinator's browser, as the person: each upstream event
 * becomes an event that carries only its sequence number, and the page then fetches the rendered list. No case
 * content crosses this stream, and the browser never holds the access token.
 */
@RestController
class InboxStream implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(InboxStream.class);

	private final OAuth2AuthorizedClientManager clients;

	private final ConsoleProperties properties;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/** One thread per open stream, each blocked on its upstream; coordinators are few. */
	private final ExecutorService relays = Executors.newCachedThreadPool(runnable -> {
		Thread thread = new Thread(runnable, "inbox-stream");
		thread.setDaemon(true);
		return thread;
	});

	private final Set<SseEmitter> open = ConcurrentHashMap.newKeySet();

	private volatile boolean running;

	InboxStream(OAuth2AuthorizedClientManager clients, ConsoleProperties properties) {
		this.clients = clients;
		this.properties = properties;
	}

	@GetMapping(path = "/inbox/stream", produces = "text/event-stream")
	SseEmitter stream(Authentication authentication, HttpServletRequest request, HttpServletResponse response,
			@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
			@RequestParam(required = false) Long after) {
		String token = accessToken(authentication, request, response);
		String resumeFrom = lastEventId != null ? lastEventId : after == null ? null : Long.toString(after);
		SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
		AtomicReference<Stream<String>> upstream = new AtomicReference<>();
		Runnable close = () -> {
			open.remove(emitter);
			Stream<String> lines = upstream.getAndSet(null);
			if (lines != null) {
				lines.close();
			}
		};
		emitter.onCompletion(close);
		emitter.onTimeout(close);
		emitter.onError(error -> close.run());
		open.add(emitter);
		relays.execute(() -> relay(token, resumeFrom, emitter, upstream));
		return emitter;
	}

	private void relay(String token, String resumeFrom, SseEmitter emitter, AtomicReference<Stream<String>> upstream) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(properties.notificationService() + "/api/v1/notifications/stream"))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "text/event-stream");
		if (resumeFrom != null) {
			request.header("Last-Event-ID", resumeFrom);
		}
		try {
			HttpResponse<Stream<String>> response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
			if (response.statusCode() != 200) {
				response.body().close();
				// The page falls back to its own reload; saying why helps it choose when.
				emitter.send(SseEmitter.event().name("unavailable").data(Integer.toString(response.statusCode())));
				emitter.complete();
				return;
			}
			upstream.set(response.body());
			forward(response.body().iterator(), emitter);
			emitter.complete();
		}
		catch (IOException | UncheckedIOException | IllegalStateException e) {
			// The browser went away, or the service did; the browser reconnects with the last id it saw.
			log.debug("Inbox stream ended: {}", e.getClass().getSimpleName());
			emitter.completeWithError(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			emitter.complete();
		}
	}

	/** Passes on each event's id and the keep-alives (so that a closed browser is noticed); drops the content. */
	private static void forward(Iterator<String> lines, SseEmitter emitter) throws IOException {
		String id = null;
		while (lines.hasNext()) {
			String line = lines.next();
			if (line.startsWith("id:")) {
				id = line.substring(3).trim();
			}
			else if (line.startsWith(":")) {
				emitter.send(SseEmitter.event().comment("keep-alive"));
			}
			else if (line.isEmpty() && id != null) {
				emitter.send(SseEmitter.event().id(id).name("notification").data(id));
				id = null;
			}
		}
	}

	private String accessToken(Authentication authentication, HttpServletRequest request,
			HttpServletResponse response) {
		OAuth2AuthorizedClient client = clients.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(Registration.ID)
			.principal(authentication)
			.attribute(HttpServletRequest.class.getName(), request)
			.attribute(HttpServletResponse.class.getName(), response)
			.build());
		if (client == null) {
			throw new IllegalStateException("No access token in the session");
		}
		return client.getAccessToken().getTokenValue();
	}

	@Override
	public void start() {
		running = true;
	}

	/**
	 * Ends the open streams before the web server's graceful shutdown, which would otherwise wait for them until its
	 * timeout; browsers reconnect with the last id they saw.
	 */
	@Override
	public void stop() {
		running = false;
		open.forEach(SseEmitter::complete);
		open.clear();
		relays.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return running;
	}
}
