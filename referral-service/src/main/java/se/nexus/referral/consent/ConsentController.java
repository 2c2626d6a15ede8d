package se.nexus.referral.consent;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
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

import se.nexus.referral.referral.Actor;
import se.nexus.referral.referral.Purpose;
import se.nexus.support.access.AccessLog;
import se.nexus.support.access.AccessedRecord;
import se.nexus.support.security.Caller;
import se.nexus.support.web.PageOf;

/** The consent registry over HTTP, for caseworkers. */
@Tag(name = "Consents", description = "A person's consent to share their case with named agencies")
@RestController
@RequestMapping("/api/v1/consents")
class ConsentController {

    private static final String CODE = "[A-Z][A-Z0-9_]{0,39}";

    private final ConsentRegistry registry;

    private final AccessLog accessLog;

    ConsentController(ConsentRegistry registry, AccessLog accessLog) {
        this.registry = registry;
        this.accessLog = accessLog;
    }

    @Operation(operationId = "recordConsent", summary = "Record a person's consent")
    @ApiResponse(responseCode = "201", description = "The consent, recorded", headers = @Header(name = "Location",
        description = "Where the new resource is", required = true, schema = @Schema(type = "string", format = "uri-reference")))
    @PostMapping
    ResponseEntity<ConsentView> grant(Caller caller, @Valid @RequestBody GrantConsent request) {
        Consent consent = registry.grant(new Actor(caller.agency(), caller.userRef()), request.subjectRef(),
            List.copyOf(new LinkedHashSet<>(request.grantedTo())), request.purpose(),
            List.copyOf(new LinkedHashSet<>(request.dataCategories())), request.validFrom(),
            request.validUntil(), request.obtained());
        return ResponseEntity.created(URI.create("/api/v1/consents/" + consent.id())).body(ConsentView.of(consent));
    }

    @Operation(operationId = "withdrawConsent", summary = "Withdraw a consent")
    @PostMapping("/{id}/withdraw")
    ConsentView withdraw(Caller caller, @PathVariable UUID id) {
        return ConsentView.of(registry.withdraw(id, new Actor(caller.agency(), caller.userRef())));
    }

    @Operation(operationId = "getConsent", summary = "Read a consent your agency may see")
    @GetMapping("/{id}")
    ConsentView get(Caller caller, @PathVariable UUID id) {
        ConsentView view;
        try {
            view = ConsentView.of(registry.get(id, caller.agency()));
        } catch (ConsentNotFound notTheCallers) {
            // One that exists but is not the caller's: the same 404, and an attempt under the consent's person.
            registry.subjectRefOf(id).ifPresent(subject -> accessLog.refused(accessLog.caller(), new AccessLog.Refusal(
                AccessLog.Refusal.NOT_FOUND, "GET /api/v1/consents/{id}", "CONSENT", id.toString(), null, subject)));
            throw notTheCallers;
        }
        accessLog.read(List.of(accessed(view)));
        return view;
    }

    @Operation(operationId = "listConsentsOfSubject", summary = "List the consents of a person that your agency may see")
    @GetMapping
    PageOf<ConsentView> ofSubject(Caller caller, @RequestParam @NotBlank @Size(max = 64) String subjectRef) {
        List<ConsentView> found = registry.ofSubject(subjectRef, caller.agency()).stream().map(ConsentView::of).toList();
        accessLog.read(found.stream().map(ConsentController::accessed).toList());
        return new PageOf<>(found, 0, found.size(), found.size());
    }

    private static AccessedRecord accessed(ConsentView view) {
        return new AccessedRecord("CONSENT", view.id().toString(), null, view.subjectRef(), false);
    }

    @Schema(example = """
        {"subjectRef":"p-7f3a9c","grantedTo":["se.uppsala.nexus","se.polisen.region-mitt"],
         "purpose":"PROTECTION_AND_SUPPORT","dataCategories":["CASE_SUMMARY"],
         "validUntil":"2027-06-30","obtained":"WRITTEN"}""")
    record GrantConsent(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}",
                message = "must be a pseudonymous reference of 1-64 letters, digits, '.', '_' or '-'") String subjectRef,
            @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 100) String> grantedTo,
            @NotNull Purpose purpose,
            @NotEmpty @Size(max = 20) List<@NotNull @Pattern(regexp = CODE, message = "must be an upper-case code") String> dataCategories,
            LocalDate validFrom,
            @NotNull LocalDate validUntil,
            @Schema(allowableValues = { "WRITTEN", "ORAL", "DIGITAL" })
            @NotNull @Pattern(regexp = "WRITTEN|ORAL|DIGITAL", message = "must be WRITTEN, ORAL or DIGITAL") String obtained) {
    }

    record ConsentView(UUID id, String subjectRef, String recordedBy, List<String> grantedTo, Purpose purpose,
            List<String> dataCategories, LocalDate validFrom, LocalDate validUntil,
            @Schema(allowableValues = { "WRITTEN", "ORAL", "DIGITAL" }) String obtained,
            Consent.Status status, Instant createdAt, Instant endedAt) {

        static ConsentView of(Consent consent) {
            return new ConsentView(consent.id(), consent.subjectRef(), consent.recordedBy(), consent.grantedTo(),
                consent.purpose(), consent.dataCategories(), consent.validFrom(), consent.validUntil(),
                consent.obtained(), consent.status(), consent.createdAt(), consent.endedAt());
        }
    }
}
