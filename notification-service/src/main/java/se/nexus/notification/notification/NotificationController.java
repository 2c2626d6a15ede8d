package se.nexus.notification.notification;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import se.nexus.support.security.Caller;
import se.nexus.support.web.PageOf;

/** A coordinator's inbox: only the notifications of the coordinator's own agency. */
@RestController
@RequestMapping("/api/v1/notifications")
@PreAuthorize("hasRole('COORDINATOR')")
@Validated
class NotificationController {

    private final NotificationInbox inbox;

    NotificationController(NotificationInbox inbox) {
        this.inbox = inbox;
    }

    @GetMapping
    PageOf<NotificationView> list(Caller caller, @RequestParam(defaultValue = "false") boolean unacknowledged,
            @RequestParam(required = false) Urgency urgency, @RequestParam(required = false) Instant since,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        PageOf<Notification> found = inbox.inbox(new InboxQuery(caller.agency(), unacknowledged, urgency, since, page, size));
        return new PageOf<>(found.items().stream().map(NotificationView::of).toList(), found.page(), found.size(),
            found.total());
    }

    @PostMapping("/{id}/acknowledge")
    NotificationView acknowledge(Caller caller, @PathVariable UUID id) {
        return NotificationView.of(inbox.acknowledge(id, caller.agency(), caller.userRef()));
    }

    record NotificationView(UUID id, String agency, String functionAddress, UUID referralId, String subjectRef,
            CaseEventType eventType, Urgency urgency, Instant createdAt, Instant deadline, Instant acknowledgedAt,
            Instant escalatedAt) {

        static NotificationView of(Notification n) {
            return new NotificationView(n.id(), n.agency(), n.functionAddress(), n.referralId(), n.subjectRef(),
                n.triggerEventType(), n.urgency(), n.createdAt(), n.deadline(), n.acknowledgedAt(), n.escalatedAt());
        }
    }
}
