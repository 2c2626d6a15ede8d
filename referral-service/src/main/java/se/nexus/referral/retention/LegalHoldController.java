package se.nexus.referral.retention;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import se.nexus.referral.referral.Actor;
import se.nexus.support.security.Caller;

/** Legal holds over HTTP, for the auditors of a resource centre. */
@Tag(name = "Legal hold", description = "Keeping a case past its retention period while legal proceedings, supervision"
    + " or an investigation may need it")
@RestController
@RequestMapping("/api/v1/referrals/{id}/legal-hold")
class LegalHoldController {

    private final LegalHolds holds;

    LegalHoldController(LegalHolds holds) {
        this.holds = holds;
    }

    @Operation(operationId = "placeLegalHold", summary = "Keep a referral past its retention period",
        description = "Holds the referral, with its handovers, history, the consent it relies on and its notifications:"
            + " the retention job deletes none of them until the hold is lifted. Recorded in the audit chain as a"
            + " LegalHoldPlaced event. Idempotent: the same reason again changes nothing; another reason replaces it.")
    @ApiResponse(responseCode = "200", description = "The referral's hold")
    @ApiResponse(responseCode = "403", description = "Only an AUDITOR of a resource centre may place a hold",
        content = @Content)
    @ApiResponse(responseCode = "404", description = "No such referral", content = @Content)
    @PutMapping
    LegalHoldView place(Caller caller, @PathVariable UUID id, @Valid @RequestBody PlaceLegalHold request) {
        holds.requireMayHold(caller.agency());
        return LegalHoldView.of(holds.place(id, request.reason(), new Actor(caller.agency(), caller.userRef())));
    }

    @Operation(operationId = "liftLegalHold", summary = "Lift a referral's legal hold",
        description = "From now on the referral's records are deleted once their retention period has ended. Recorded in"
            + " the audit chain as a LegalHoldLifted event. Idempotent: 204 whether or not it was held.")
    @ApiResponse(responseCode = "204", description = "The referral is not held, now or before")
    @ApiResponse(responseCode = "403", description = "Only an AUDITOR of a resource centre may lift a hold",
        content = @Content)
    @ApiResponse(responseCode = "404", description = "No such referral", content = @Content)
    @DeleteMapping
    ResponseEntity<Void> lift(Caller caller, @PathVariable UUID id) {
        holds.requireMayHold(caller.agency());
        holds.lift(id, new Actor(caller.agency(), caller.userRef()));
        return ResponseEntity.noContent().build();
    }

    @Schema(example = """
        {"reason":"SUPERVISION"}""")
    record PlaceLegalHold(@NotNull LegalHoldReason reason) {
    }

    record LegalHoldView(UUID referralId, LegalHoldReason reason,
            @Schema(description = "Since when the referral is held") Instant since) {

        static LegalHoldView of(LegalHold hold) {
            return new LegalHoldView(hold.referralId(), hold.reason(), hold.since());
        }
    }
}
