package se.nexus.notification.notification;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import se.nexus.support.web.ApiException;

/** No such notification for the caller's agency (404). */
class NotificationNotFound extends ApiException {

    NotificationNotFound(UUID id) {
        super(HttpStatus.NOT_FOUND, "notification-not-found", "No notification " + id);
    }
}
