package se.nexus.referral.erasure;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import se.nexus.referral.referral.Actor;
import se.nexus.support.security.Caller;

/** Erasure requests over HTTP, for the auditors of a resource centre. The subject ref travels in the body, never in a URL. */
@Tag(name = "Erasure", description = "Erasing a person's free text by destroying the key that sealed it")
@RestController
@RequestMapping("/api/v1/subjects/erasures")
class ErasureController {

    private final SubjectErasure erasure;

    ErasureController(SubjectErasure erasure) {
        this.erasure = erasure;
    }

    @Operation(operationId = "eraseSubject", summary = "Erase a person's free text",
        description = "Destroys the person's data key, so that every summary and decline comment about them can never"
            + " be read again: reading their referrals answers summary and declineComment as null. The referrals, their"
            + " codes and history stay. Recorded in the audit chain as a SubjectErased event, without content."
            + " Idempotent: erasing again answers 204 and changes nothing.")
    @ApiResponse(responseCode = "204", description = "The person's free text is erased, now or before")
    @ApiResponse(responseCode = "403", description = "Only an AUDITOR of a resource centre may erase", content = @Content)
    @PostMapping
    ResponseEntity<Void> erase(Caller caller, @Valid @RequestBody EraseSubject request) {
        erasure.requireMayErase(caller.agency());
        erasure.erase(request.subjectRef(), request.reason(), new Actor(caller.agency(), caller.userRef()));
        return ResponseEntity.noContent().build();
    }

    @Schema(example = """
        {"subjectRef":"p-7f3a9c","reason":"ERASURE_REQUEST"}""")
    record EraseSubject(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}",
                message = "must be a pseudonymous reference of 1-64 letters, digits, '.', '_' or '-'") String subjectRef,
            @NotNull ErasureReason reason) {
    }
}
