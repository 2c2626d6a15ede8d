package se.nexus.support.deadletter;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import se.nexus.support.security.Caller;
import se.nexus.support.web.PageOf;

/** Operators' view of this service's dead letters and parked records, and their replay or resolution. */
@Tag(name = "Dead letters", description = "Records a consumer could not process, and the records of the same key "
    + "parked behind them; for operators (role OPERATOR). Metadata only, never a record's content")
@RestController
@RequestMapping("/api/admin/dead-letters")
class DeadLetterController {

    private final DeadLetters deadLetters;
    private final DeadLetterOperations operations;

    DeadLetterController(DeadLetters deadLetters, DeadLetterOperations operations) {
        this.deadLetters = deadLetters;
        this.operations = operations;
    }

    @Operation(operationId = "listDeadLetters", summary = "List dead letters and parked records, newest first")
    @GetMapping
    PageOf<DeadLetter> list(@RequestParam(required = false) DeadLetterStatus status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return new PageOf<>(deadLetters.list(status, page, size), page, size, deadLetters.count(status));
    }

    @Operation(operationId = "getDeadLetter", summary = "One dead letter or parked record")
    @GetMapping("/{id}")
    DeadLetter get(@PathVariable UUID id) {
        return deadLetters.find(id).orElseThrow(() -> new DeadLetterNotFound(id));
    }

    @Operation(operationId = "replayDeadLetter", summary = "Process a dead letter again; if it succeeds, the records "
        + "parked behind it are applied in order")
    @ApiResponse(responseCode = "200", description = "Replayed: the dead letter as it is now, how many parked records "
        + "were applied after it, and how many still wait behind one that failed in turn", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "It is not DEAD (parked, or already replayed or resolved), or it "
        + "failed again and stays DEAD", content = @Content)
    @PostMapping("/{id}/replay")
    DeadLetterOperations.Outcome replay(Caller caller, @PathVariable UUID id) {
        return operations.replay(id, caller);
    }

    @Operation(operationId = "resolveDeadLetter", summary = "Declare a dead letter handled without applying it; the "
        + "records parked behind it are applied in order")
    @ApiResponse(responseCode = "200", description = "Resolved: the dead letter as it is now, how many parked records "
        + "were applied after it, and how many still wait behind one that failed in turn", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "It is not DEAD (parked, or already replayed or resolved)",
        content = @Content)
    @PostMapping("/{id}/resolve")
    DeadLetterOperations.Outcome resolve(Caller caller, @PathVariable UUID id) {
        return operations.resolve(id, caller);
    }
}
