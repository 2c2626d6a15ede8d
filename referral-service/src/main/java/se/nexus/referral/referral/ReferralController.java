package se.nexus.referral.referral;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
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
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import se.nexus.support.access.AccessLog;
import se.nexus.support.access.AccessLog.Refusal;
import se.nexus.support.access.AccessedRecord;
import se.nexus.support.security.Caller;
import se.nexus.support.web.InvalidInput;
import se.nexus.support.web.PageOf;

/** Referrals over HTTP: caseworkers of the sending and receiving agencies. */
@Tag(name = "Referrals", description = "A case referred from one agency to another, and its decision")
@RestController
@RequestMapping("/api/v1/referrals")
class ReferralController {

    private final ReferralManagement referrals;

    private final AccessLog accessLog;

    ReferralController(ReferralManagement referrals, AccessLog accessLog) {
        this.referrals = referrals;
        this.accessLog = accessLog;
    }

    @Operation(operationId = "submitReferral", summary = "Refer a case to another agency")
    @ApiResponse(responseCode = "201", description = "The referral, submitted", headers = @Header(name = "Location",
        description = "Where the new resource is", required = true, schema = @Schema(type = "string", format = "uri-reference")))
    @ApiResponse(responseCode = "422", description = "No active consent that your agency may rely on covers the disclosure",
        content = @Content)
    @PostMapping
    ResponseEntity<ReferralView> submit(Caller caller, @Valid @RequestBody SubmitReferral request) {
        Referral referral = referrals.submit(actor(caller), request.toNewReferral());
        return ResponseEntity.created(URI.create("/api/v1/referrals/" + referral.id())).body(view(referral));
    }

    @Operation(operationId = "getReferral", summary = "Read a referral your agency is party to")
    @GetMapping("/{id}")
    ReferralView get(Caller caller, @PathVariable UUID id) {
        ReferralView view;
        try {
            view = view(referrals.get(id, caller.agency()));
        } catch (ReferralNotFound notTheCallers) {
            // A case that exists but is not the caller's: the same 404, and an attempt the person's extract shows.
            referrals.subjectRefOf(id).ifPresent(subject -> accessLog.refused(accessLog.caller(), new Refusal(
                Refusal.NOT_FOUND, "GET /api/v1/referrals/{id}", "REFERRAL", id.toString(), id.toString(), subject)));
            throw notTheCallers;
        }
        accessLog.read(List.of(accessed(view)));
        return view;
    }

    @Operation(operationId = "listReferrals", summary = "List the referrals your agency sent or received")
    @GetMapping
    PageOf<ReferralView> list(Caller caller,
            @Parameter(schema = @Schema(allowableValues = { "sent", "received" }, defaultValue = "received"))
            @RequestParam(defaultValue = "received") String box,
            @RequestParam(required = false) ReferralStatus status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        Referrals.Box which = switch (box) {
            case "sent" -> Referrals.Box.SENT;
            case "received" -> Referrals.Box.RECEIVED;
            default -> throw new InvalidInput("box", "must be sent or received");
        };
        PageOf<Referral> found = referrals.list(caller.agency(), which, status, page, size);
        List<ReferralView> views = found.items().stream().map(this::view).toList();
        accessLog.read(views.stream().map(ReferralController::accessed).toList());
        return new PageOf<>(views, found.page(), found.size(), found.total());
    }

    @Operation(operationId = "receiveReferral", summary = "Acknowledge receipt of a referral sent to your agency")
    @ApiResponse(responseCode = "200", description = "The referral, after the transition")
    @ApiResponse(responseCode = "409", description = "Your agency may not make this transition now (wrong party or status)",
        content = @Content)
    @PostMapping("/{id}/receive")
    ReferralView receive(Caller caller, @PathVariable UUID id) {
        return view(referrals.receive(id, actor(caller)));
    }

    @Operation(operationId = "acceptReferral", summary = "Accept a received referral: your agency owns the case")
    @ApiResponse(responseCode = "200", description = "The referral, after the transition")
    @ApiResponse(responseCode = "409", description = "Your agency may not make this transition now (wrong party or status)",
        content = @Content)
    @PostMapping("/{id}/accept")
    ReferralView accept(Caller caller, @PathVariable UUID id) {
        return view(referrals.accept(id, actor(caller)));
    }

    @Operation(operationId = "declineReferral", summary = "Decline a referral sent to your agency")
    @ApiResponse(responseCode = "200", description = "The referral, after the transition")
    @ApiResponse(responseCode = "409", description = "Your agency may not make this transition now (wrong party or status)",
        content = @Content)
    @PostMapping("/{id}/decline")
    ReferralView decline(Caller caller, @PathVariable UUID id, @Valid @RequestBody DeclineRequest request) {
        return view(referrals.decline(id, actor(caller), request.reason(), request.comment()));
    }

    @Operation(operationId = "withdrawReferral", summary = "Withdraw a referral your agency sent, before it is accepted")
    @ApiResponse(responseCode = "200", description = "The referral, after the transition")
    @ApiResponse(responseCode = "409", description = "Your agency may not make this transition now (wrong party or status)",
        content = @Content)
    @PostMapping("/{id}/withdraw")
    ReferralView withdraw(Caller caller, @PathVariable UUID id) {
        return view(referrals.withdraw(id, actor(caller)));
    }

    @Operation(operationId = "closeReferral", summary = "Close the case your agency owns")
    @ApiResponse(responseCode = "200", description = "The referral, after the transition")
    @ApiResponse(responseCode = "409", description = "Your agency may not make this transition now (wrong party or status)",
        content = @Content)
    @PostMapping("/{id}/close")
    ReferralView close(Caller caller, @PathVariable UUID id) {
        return view(referrals.close(id, actor(caller)));
    }

    /** The access log's record of showing this referral; free text is revealed when its summary or comment is there. */
    private static AccessedRecord accessed(ReferralView view) {
        return new AccessedRecord("REFERRAL", view.id().toString(), view.id().toString(), view.subject().ref(),
            view.summary() != null || view.declineComment() != null);
    }

    private static Actor actor(Caller caller) {
        return new Actor(caller.agency(), caller.userRef());
    }

    private ReferralView view(Referral referral) {
        return new ReferralView(referral.id(), referral.status(), referral.fromAgency(), referral.toAgency(),
            referral.ownerAgency(), new SubjectView(referral.subject().ref(), referral.subject().protectedIdentity()),
            referral.urgency(), referral.concerns(), new LegalBasisView(referral.legalBasis().type(),
                referral.legalBasis().consentId(), referral.legalBasis().provisionCode()), referral.purpose(),
            referrals.reveal(referral, referral.summary()),
            referral.decline() == null ? null : referral.decline().reason(),
            referral.decline() == null ? null : referrals.reveal(referral, referral.decline().comment()),
            referral.createdAt(), referral.updatedAt());
    }

    @Schema(example = """
        {"toAgency":"se.uppsala.nexus","subject":{"ref":"p-7f3a9c","protectedIdentity":false},
         "urgency":"URGENT","concerns":["THREATS","RESTRICTED_FREEDOM"],
         "legalBasis":{"type":"CONSENT","consentId":"0b8f1d2e-4c3a-4e6f-9a7b-1c2d3e4f5a6b"},
         "summary":"Free text: stored encrypted, never on the wire"}""")
    record SubmitReferral(
            @NotBlank @Size(max = 100) String toAgency,
            @NotNull @Valid SubjectView subject,
            @NotNull Urgency urgency,
            @NotEmpty @Size(max = 10) List<@NotNull Concern> concerns,
            @NotNull @Valid LegalBasisView legalBasis,
            Purpose purpose,
            @Size(max = 4000) String summary) {

        NewReferral toNewReferral() {
            return new NewReferral(toAgency, new Subject(subject.ref(), subject.protectedIdentity()), urgency,
                List.copyOf(new LinkedHashSet<>(concerns)),
                new LegalBasis(legalBasis.type(), legalBasis.consentId(), legalBasis.provisionCode()),
                purpose == null ? Purpose.PROTECTION_AND_SUPPORT : purpose, summary);
        }
    }

    record SubjectView(@NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}",
            message = "must be a pseudonymous reference of 1-64 letters, digits, '.', '_' or '-'") String ref,
            @NotNull Boolean protectedIdentity) {
    }

    record LegalBasisView(@NotNull LegalBasis.Type type, UUID consentId,
            @Size(max = 40) String provisionCode) {
    }

    @Schema(example = """
        {"reason":"NOT_IN_REMIT","comment":"Free text: stored encrypted"}""")
    record DeclineRequest(@NotNull DeclineReason reason, @Size(max = 2000) String comment) {
    }

    record ReferralView(UUID id, ReferralStatus status, String fromAgency, String toAgency, String ownerAgency,
            SubjectView subject, Urgency urgency, List<Concern> concerns, LegalBasisView legalBasis, Purpose purpose,
            @Schema(description = "The summary in clear; null if none was given, or once the person's free text was"
                + " erased (POST /api/v1/subjects/erasures)") String summary,
            DeclineReason declineReason,
            @Schema(description = "The decline comment in clear; null if none was given, or once the person's free"
                + " text was erased (POST /api/v1/subjects/erasures)") String declineComment,
            Instant createdAt, Instant updatedAt) {
    }
}
