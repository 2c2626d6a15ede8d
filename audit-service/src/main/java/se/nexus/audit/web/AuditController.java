package se.nexus.audit.web;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import se.nexus.audit.checkpoint.Checkpoint;
import se.nexus.audit.checkpoint.Checkpoints;
import se.nexus.audit.export.ExportWriter;
import se.nexus.audit.log.AuditLog;
import se.nexus.audit.log.EntryQuery;
import se.nexus.audit.verify.ChainVerification;
import se.nexus.audit.verify.Verification;
import se.nexus.support.security.Caller;
import se.nexus.support.web.InvalidInput;
import se.nexus.support.web.PageOf;

/** The auditor's API: search, verify, export, checkpoints. Every read is itself appended to the log first. */
@Tag(name = "Audit", description = "The hash-chained log of every case event, for auditors")
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    static final int MAX_PAGE_SIZE = 500;

    private final AuditLog auditLog;
    private final ChainVerification verification;
    private final Checkpoints checkpoints;
    private final ExportWriter export;
    private final QueryLog queryLog;

    AuditController(AuditLog auditLog, ChainVerification verification, Checkpoints checkpoints, ExportWriter export,
            QueryLog queryLog) {
        this.auditLog = auditLog;
        this.verification = verification;
        this.checkpoints = checkpoints;
        this.export = export;
        this.queryLog = queryLog;
    }

    @Operation(operationId = "searchEntries", summary = "Search the audit log; the search itself is logged first")
    @GetMapping("/entries")
    PageOf<EntryView> entries(Caller caller, @RequestParam(required = false) String referralId,
            @RequestParam(required = false) String subjectRef, @RequestParam(required = false) String agency,
            @RequestParam(required = false) String eventType,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        EntryQuery query = validated(new EntryQuery(blankToNull(referralId), blankToNull(subjectRef),
            blankToNull(agency), blankToNull(eventType), from, to, page, size));
        queryLog.entriesSearched(caller, query);
        return new PageOf<>(auditLog.find(query).stream().map(EntryView::of).toList(), page, size, auditLog.count(query));
    }

    @Operation(operationId = "getEntry", summary = "One entry and the hash of the entry before it, which its own hash "
        + "was chained to; the read is logged first")
    @GetMapping("/entries/{position}")
    ChainedEntry entry(Caller caller, @PathVariable long position) {
        if (position < 1) {
            throw new InvalidInput("position", "must be 1 or more");
        }
        queryLog.entryRead(caller, position);
        return auditLog.at(position).map(ChainedEntry::of).orElseThrow(() -> new EntryNotFound(position));
    }

    @Operation(operationId = "subjectExtract", summary = "What the log holds about one person, newest first: who read "
        + "their case data, who was refused, and each change, with the legal basis; the extract itself is logged first")
    @GetMapping("/subjects/{subjectRef}/extract")
    SubjectExtract extract(Caller caller, @PathVariable String subjectRef, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size) {
        if (subjectRef.isBlank() || subjectRef.length() > 64) {
            throw new InvalidInput("subjectRef", "must be 1 to 64 characters");
        }
        EntryQuery query = validated(new EntryQuery(null, subjectRef, null, null, null, null, page, size));
        queryLog.extractRead(caller, subjectRef, page, size);
        return new SubjectExtract(subjectRef, page, size, auditLog.count(query),
            auditLog.ofSubjectNewestFirst(subjectRef, page, size).stream().map(SubjectExtract::line).toList());
    }

    @Operation(operationId = "verifyChain", summary = "Verify the whole hash chain")
    @GetMapping("/verify")
    Verification verify(Caller caller) {
        queryLog.performed(caller, "verify");
        return verification.verify();
    }

    @Operation(operationId = "exportLog", summary = "Export the whole log, one JSON entry a line, for offline verification")
    @ApiResponse(responseCode = "200", description = "The log, oldest entry first",
        content = @Content(mediaType = ExportWriter.MEDIA_TYPE, schema = @Schema(type = "string")))
    @GetMapping("/export")
    void export(Caller caller, HttpServletResponse response) throws IOException {
        queryLog.performed(caller, "export");
        response.setContentType(ExportWriter.MEDIA_TYPE);
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-export.jsonl\"");
        export.writeTo(response.getOutputStream());
    }

    @Operation(operationId = "listCheckpoints", summary = "List the signed checkpoints and the key that verifies new ones")
    @GetMapping("/checkpoints")
    CheckpointList checkpoints(Caller caller) {
        queryLog.performed(caller, "checkpoints");
        return new CheckpointList(checkpoints.all(), checkpoints.publicKey());
    }

    @Operation(operationId = "signCheckpoint", summary = "Sign a checkpoint of the chain's head now")
    @PostMapping("/checkpoints")
    @ResponseStatus(HttpStatus.CREATED)
    Checkpoint signCheckpoint() {
        return checkpoints.sign();
    }

    private static EntryQuery validated(EntryQuery query) {
        if (query.page() < 0) {
            throw new InvalidInput("page", "must be 0 or more");
        }
        if (query.size() < 1 || query.size() > MAX_PAGE_SIZE) {
            throw new InvalidInput("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        if (query.from() != null && query.to() != null && !query.from().isBefore(query.to())) {
            throw new InvalidInput("to", "must be after from");
        }
        return query;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** The checkpoints, oldest first, and the public key that verifies new ones. */
    record CheckpointList(List<Checkpoint> items, String publicKey) {
    }
}
