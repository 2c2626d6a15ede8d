package se.nexus.console.api;

import java.util.UUID;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

/** The notification service's public API, called as the signed-in coordinator. */
public class NotificationApi {

	private static final ParameterizedTypeReference<Views.Page<Views.Notification>> NOTIFICATIONS = new ParameterizedTypeReference<>() {
	};

	private final RestClient http;

	NotificationApi(RestClient http) {
		this.http = http;
	}

	public Views.Page<Views.Notification> notifications(boolean unacknowledged, int page, int size) {
		return notifications(unacknowledged, null, page, size);
	}

	/** The agency's notifications, newest first; only those of one urgency when it is given. */
	public Views.Page<Views.Notification> notifications(boolean unacknowledged, String urgency, int page, int size) {
		return Calls.call(() -> http.get()
			.uri(uri -> uri.path("/api/v1/notifications")
				.queryParam("unacknowledged", unacknowledged)
				.queryParamIfPresent("urgency", java.util.Optional.ofNullable(urgency))
				.queryParam("page", page)
				.queryParam("size", size)
				.build())
			.retrieve()
			.body(NOTIFICATIONS));
	}

	public Views.Notification acknowledge(UUID id) {
		return Calls.call(() -> http.post()
			.uri("/api/v1/notifications/{id}/acknowledge", id)
			.retrieve()
			.body(Views.Notification.class));
	}
}
