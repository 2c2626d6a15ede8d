package se.nexus.referral.handover;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import se.nexus.referral.referral.Actor;
import se.nexus.referral.referral.LegalBasis;
import se.nexus.support.access.AccessLog;
import se.nexus.support.access.AccessedRecord;
import se.nexus.referral.referral.ReferralManagement;
import se.nexus.support.security.Caller;
import se.nexus.support.web.InvalidInput;
import se.nexus.support.web.PageOf;

/** Handovers over HTTP: the owner requests and cancels, the target accepts or declines. */
@Tag(name = "Handovers", description = "Passing the ownership of a case to another agency")
@RestController
class HandoverController {

    private final HandoverManagement handovers;

    private final ReferralManagement referrals;
    private final AccessLog accessLog;

    HandoverController(HandoverManagement handovers, ReferralManagement referrals, AccessLog accessLog) {
        this.handovers = handovers;
        this.referrals = referrals;
        this.accessLog = accessLog;
    }

    @Operation(operationId = "requestHandover", summary = "Ask another agency to take over the case your agency owns")
    @ApiResponse(responseCode = "201", description = "The handover, requested", headers = @Header(name = "Location",
        description = "Where the new resource is", required = true, schema = @Schema(type = "string", format = "uri-reference")))
    @ApiResponse(responseCode = "409", description = "Your agency may not make this transition now (wrong party or status)",
        content = @Content)
    @ApiResponse(responseCode = "422", description = "No active consent that your agency may rely on covers the disclosure",
        content = @Content)
    @PostMapping("/api/v1/referrals/{referralId}/handovers")
    ResponseEntity<HandoverView> request(Caller caller, @PathVariable UUID referralId,
            @Valid @RequestBody RequestHandover request) {
        LegalBasis basis = request.legalBasis() == null ? null
            : new LegalBasis(request.legalBasis().type(), request.legalBasis().consentId(), request.legalBasis().provisionCode());
        Handover handover = handovers.request(referralId, actor(caller), request.toAgency(), request.reason(), basis);
        return ResponseEntity.created(URI.create("/api/v1/handovers/" + handover.id())).body(HandoverView.of(handover));
    }

    @Operation(operationId = "getHandover", summary = "Read a handover your agency is party to")
    @GetMapping("/api/v1/handovers/{id}")
    HandoverView get(Caller caller, @PathVariable UUID id) {
        HandoverView view;
        try {
            view = HandoverView.of(handovers.get(id, caller.agency()));
        } catch (HandoverNotFound notTheCallers) {
            // One that exists but is not the caller's: the same 404, and an attempt under the case's person.
            handovers.referralOf(id).ifPresent(referral -> accessLog.refused(accessLog.caller(), new AccessLog.Refusal(
                AccessLog.Refusal.NOT_FOUND, "GET /api/v1/handovers/{id}", "HANDOVER", id.toString(),
                referral.toString(), referrals.subjectRefOf(referral).orElse(null))));
            throw notTheCallers;
        }
        accessLog.read(List.of(accessed(view, referrals.subjectRefOf(view.referralId()).orElse(null))));
        return view;
    }

    /** A handover names its case; the access log also names the case's person, for the person's extract. */
    private static AccessedRecord accessed(HandoverView view, String subjectRef) {
        return new AccessedRecord("HANDOVER", view.id().toString(), view.referralId().toString(), subjectRef, false);
    }

    @Operation(operationId = "listHandovers",
        summary = "List the handovers asked of your agency (received) or that your agency asked for (sent)")
    @GetMapping("/api/v1/handovers")
    PageOf<HandoverView> list(Caller caller,
            @Parameter(schema = @Schema(allowableValues = { "sent", "received" }, defaultValue = "received"))
            @RequestParam(defaultValue = "received") String box,
            @RequestParam(required = false) Handover.Status status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        Handovers.Box which = switch (box) {
            case "sent" -> Handovers.Box.SENT;
            case "received" -> Handovers.Box.RECEIVED;
            default -> throw new InvalidInput("box", "must be sent or received");
        };
        PageOf<Handover> found = handovers.list(caller.agency(), which, status, page, size);
        List<HandoverView> views = found.items().stream().map(HandoverView::of).toList();
        // One query for the persons of the whole page, not one per handover.
        Map<UUID, String> subjects = referrals.subjectRefsOf(views.stream().map(HandoverView::referralId).toList());
        accessLog.read(views.stream().map(view -> accessed(view, subjects.get(view.referralId()))).toList());
        return new PageOf<>(views, found.page(), found.size(), found.total());
    }

    @Operation(operationId = "acceptHandover", summary = "Accept a handover to your agency: it owns the case")
    @ApiResponse(responseCode = "200", description = "The handover, after the transition")
    @ApiResponse(responseCode = "409", description = "Your agency may not make this transition now (wrong party or status)",
        content = @Content)
    @PostMapping("/api/v1/handovers/{id}/accept")
    HandoverView accept(Caller caller, @PathVariable UUID id) {
        return HandoverView.of(handovers.accept(id, actor(caller)));
    }

    @Operation(operationId = "declineHandover", summary = "Decline a handover to your agency")
    @ApiResponse(responseCode = "200", description = "The handover, after the transition")
    @ApiResponse(responseCode = "409", description = "Your agency may not make this transition now (wrong party or status)",
        content = @Content)
    @PostMapping("/api/v1/handovers/{id}/decline")
    HandoverView decline(Caller caller, @PathVariable UUID id, @Valid @RequestBody DeclineHandover request) {
        return HandoverView.of(handovers.decline(id, actor(caller), request.reason()));
    }

    @Operation(operationId = "cancelHandover", summary = "Cancel a handover your agency requested")
    @ApiResponse(responseCode = "200", description = "The handover, after the transition")
    @ApiResponse(responseCode = "409", description = "Your agency may not make this transition now (wrong party or status)",
        content = @Content)
    @PostMapping("/api/v1/handovers/{id}/cancel")
    HandoverView cancel(Caller caller, @PathVariable UUID id) {
        return HandoverView.of(handovers.cancel(id, actor(caller)));
    }

    private static Actor actor(Caller caller) {
        return new Actor(caller.agency(), caller.userRef());
    }

    @Schema(example = """
        {"toAgency":"se.polisen.region-mitt","reason":"CRIME_SUSPECTED"}""")
    record RequestHandover(@NotBlank @Size(max = 100) String toAgency, @NotNull Handover.Reason reason,
            @Valid BasisView legalBasis) {
    }

    record BasisView(@NotNull LegalBasis.Type type, UUID consentId, @Size(max = 40) String provisionCode) {
    }

    @Schema(example = """
        {"reason":"NO_CAPACITY"}""")
    record DeclineHandover(@NotNull Handover.DeclineReason reason) {
    }

    record HandoverView(UUID id, UUID referralId, String fromAgency, String toAgency, Handover.Reason reason,
            Handover.Status status, Handover.DeclineReason declineReason, Instant createdAt, Instant decidedAt) {

        static HandoverView of(Handover h) {
            return new HandoverView(h.id(), h.referralId(), h.fromAgency(), h.toAgency(), h.reason(), h.status(),
                h.declineReason(), h.createdAt(), h.decidedAt());
        }
    }
}
