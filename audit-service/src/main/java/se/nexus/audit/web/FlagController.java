package se.nexus.audit.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import se.nexus.audit.followup.Flag;
import se.nexus.audit.followup.FlagReviews;
import se.nexus.support.security.Caller;
import se.nexus.support.web.InvalidInput;
import se.nexus.support.web.PageOf;

/** The follow-up of access: flags on reads that look wrong, and the auditor's review of each; both are logged. */
@Tag(name = "Audit")
@RestController
@RequestMapping("/api/v1/audit/flags")
class FlagController {

    private final FlagReviews reviews;
    private final QueryLog queryLog;

    FlagController(FlagReviews reviews, QueryLog queryLog) {
        this.reviews = reviews;
        this.queryLog = queryLog;
    }

    @Operation(operationId = "listFlags", summary = "Flags on reads that look wrong, newest first; the listing is logged")
    @GetMapping
    PageOf<Flag> flags(Caller caller, @RequestParam(defaultValue = "false") boolean reviewed,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > AuditController.MAX_PAGE_SIZE) {
            throw new InvalidInput(page < 0 ? "page" : "size", "is out of range");
        }
        queryLog.performed(caller, "flags");
        return reviews.page(reviewed, page, size);
    }

    @Operation(operationId = "reviewFlag", summary = "Mark a flag reviewed with a code; the review is logged")
    @PostMapping("/{id}/review")
    Flag review(Caller caller, @PathVariable long id, @Valid @RequestBody Review review) {
        Flag reviewed = reviews.review(id, review.code(), caller.agency(), caller.userRef());
        queryLog.flagReviewed(caller, id, review.code());
        return reviewed;
    }

    /** How the auditor closed the flag: one of the configured codes (nexus.audit.follow-up.review-codes). */
    record Review(@NotBlank String code) {
    }
}
