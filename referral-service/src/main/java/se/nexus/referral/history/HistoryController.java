package se.nexus.referral.history;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import se.nexus.support.access.AccessLog;
import se.nexus.support.access.AccessedRecord;
import se.nexus.referral.referral.ReferralManagement;
import se.nexus.support.security.Caller;
import se.nexus.support.web.PageOf;

/** A referral's history over HTTP, for the agencies that may see the referral. */
@RestController
class HistoryController {

    private final ReferralHistory history;

    private final ReferralManagement referrals;
    private final AccessLog accessLog;

    HistoryController(ReferralHistory history, ReferralManagement referrals, AccessLog accessLog) {
        this.history = history;
        this.referrals = referrals;
        this.accessLog = accessLog;
    }

    /** The whole history in one page: a case has a handful of entries, and a list answers with a page. */
    @Operation(operationId = "getReferralHistory", tags = "Referrals",
        summary = "Read what happened to a referral your agency is party to, oldest first")
    @GetMapping("/api/v1/referrals/{id}/history")
    PageOf<HistoryEntryView> get(Caller caller, @PathVariable UUID id) {
        List<HistoryEntryView> entries = history.of(id, caller.agency()).stream().map(HistoryEntryView::of).toList();
        accessLog.read(List.of(new AccessedRecord("REFERRAL_HISTORY", id.toString(), id.toString(),
            referrals.subjectRefOf(id).orElse(null), false)));
        return new PageOf<>(entries, 0, entries.size(), entries.size());
    }

    record HistoryEntryView(
            HistoryEntry.Type type,
            Instant occurredAt,
            @Schema(description = "The acting agency; nexus when the service itself acted (a consent that expired)")
            String agency,
            @Schema(description = "The handover, for the HANDOVER_ entries") UUID handoverId,
            @Schema(description = "The agency asked to take the case over, for HANDOVER_REQUESTED") String toAgency,
            @Schema(description = "The decline reason for REFERRAL_DECLINED, the handover reason for HANDOVER_REQUESTED,"
                + " the handover decline reason for HANDOVER_DECLINED", allowableValues = { "NOT_IN_REMIT",
                "INSUFFICIENT_INFORMATION", "ALREADY_KNOWN", "REFERRED_ELSEWHERE", "NO_CONSENT", "OTHER",
                "CRIME_SUSPECTED", "CHILD_AT_RISK", "HEALTH_CARE_NEEDED", "OTHER_MUNICIPALITY", "SPECIALIST_SUPPORT",
                "NO_CAPACITY" })
            String reason) {

        static HistoryEntryView of(HistoryEntry e) {
            return new HistoryEntryView(e.type(), e.occurredAt(), e.agency(), e.handoverId(), e.toAgency(), e.reason());
        }
    }
}
