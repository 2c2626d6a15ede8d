package se.nexus.notification.notification;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import se.nexus.support.access.AccessLog;
import se.nexus.support.access.AccessedRecord;
import se.nexus.support.security.Caller;
import se.nexus.support.web.InvalidInput;
import se.nexus.support.web.PageOf;

/** A coordinator's inbox: only the notifications of the coordinator's own agency. */
@Tag(name = "Notifications", description = "What an agency's coordinator is told about its cases, with deadlines")
@RestController
@RequestMapping("/api/v1/notifications")
class NotificationController {

    private final NotificationInbox inbox;
    private final NotificationStream stream;

    private final AccessLog accessLog;

    NotificationController(NotificationInbox inbox, NotificationStream stream, AccessLog accessLog) {
        this.inbox = inbox;
        this.stream = stream;
        this.accessLog = accessLog;
    }

    @Operation(operationId = "listNotifications", summary = "List your agency's notifications, newest first")
    @GetMapping
    PageOf<NotificationView> list(Caller caller, @RequestParam(defaultValue = "false") boolean unacknowledged,
            @RequestParam(required = false) Urgency urgency, @RequestParam(required = false) Instant since,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        PageOf<Notification> found = inbox.inbox(new InboxQuery(caller.agency(), unacknowledged, urgency, since, page, size));
        accessLog.read(found.items().stream().map(NotificationController::accessed).toList());
        return new PageOf<>(found.items().stream().map(NotificationView::of).toList(), found.page(), found.size(),
            found.total());
    }

    @Operation(operationId = "acknowledgeNotification", summary = "Acknowledge a notification; again is a no-op")
    @PostMapping("/{id}/acknowledge")
    NotificationView acknowledge(Caller caller, @PathVariable UUID id) {
        return NotificationView.of(inbox.acknowledge(id, caller.agency(), caller.userRef()));
    }

    /**
     * The agency's new notifications as server-sent events, each with its sequence number as id; a client
     * that reconnects with {@code Last-Event-ID} first gets everything after that id.
     */
    @Operation(operationId = "streamNotifications", summary = "Follow your agency's new notifications as server-sent events")
    @ApiResponse(responseCode = "200", description = "Events named notification, each with its sequence number as id and a "
        + "NotificationView as JSON data", content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
            schema = @Schema(implementation = NotificationView.class)))
    @ApiResponse(responseCode = "429", description = "Too many streams are open for your agency", content = @Content)
    @ApiResponse(responseCode = "503", description = "Too many streams are open on this instance", content = @Content)
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(Caller caller, @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        return stream.subscribe(caller.agency(), accessLog.caller(), lastSeen(lastEventId));
    }

    /** The access log's record of showing a notification: its case and, unless protected, the case's person. */
    static AccessedRecord accessed(Notification n) {
        return new AccessedRecord("NOTIFICATION", n.id().toString(),
            n.referralId() == null ? null : n.referralId().toString(), n.subjectRef(), false);
    }

    private static Long lastSeen(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return null;
        }
        try {
            return Math.max(0, Long.parseLong(lastEventId.trim()));
        } catch (NumberFormatException e) {
            throw new InvalidInput("Last-Event-ID", "must be the id of an event of this stream");
        }
    }

    record NotificationView(UUID id, long seq, String agency, String functionAddress, UUID referralId,
            String subjectRef, CaseEventType eventType, Urgency urgency, Instant createdAt, Instant deadline,
            Instant acknowledgedAt, Instant escalatedAt, UUID escalationOf, String overdueAgency) {

        static NotificationView of(Notification n) {
            return new NotificationView(n.id(), n.seq(), n.agency(), n.functionAddress(), n.referralId(),
                n.subjectRef(), n.triggerEventType(), n.urgency(), n.createdAt(), n.deadline(), n.acknowledgedAt(),
                n.escalatedAt(), n.escalationOf(), n.overdueAgency());
        }
    }
}
