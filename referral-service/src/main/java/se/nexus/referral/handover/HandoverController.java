package se.nexus.referral.handover;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import se.nexus.referral.referral.Actor;
import se.nexus.referral.referral.LegalBasis;
import se.nexus.support.security.Caller;

/** Handovers over HTTP: the owner requests and cancels, the target accepts or declines. */
@RestController
class HandoverController {

    private final HandoverManagement handovers;

    HandoverController(HandoverManagement handovers) {
        this.handovers = handovers;
    }

    @PostMapping("/api/v1/referrals/{referralId}/handovers")
    ResponseEntity<HandoverView> request(Caller caller, @PathVariable UUID referralId,
            @Valid @RequestBody RequestHandover request) {
        LegalBasis basis = request.legalBasis() == null ? null
            : new LegalBasis(request.legalBasis().type(), request.legalBasis().consentId(), request.legalBasis().provisionCode());
        Handover handover = handovers.request(referralId, actor(caller), request.toAgency(), request.reason(), basis);
        return ResponseEntity.created(URI.create("/api/v1/handovers/" + handover.id())).body(HandoverView.of(handover));
    }

    @GetMapping("/api/v1/handovers/{id}")
    HandoverView get(Caller caller, @PathVariable UUID id) {
        return HandoverView.of(handovers.get(id, caller.agency()));
    }

    @PostMapping("/api/v1/handovers/{id}/accept")
    HandoverView accept(Caller caller, @PathVariable UUID id) {
        return HandoverView.of(handovers.accept(id, actor(caller)));
    }

    @PostMapping("/api/v1/handovers/{id}/decline")
    HandoverView decline(Caller caller, @PathVariable UUID id, @Valid @RequestBody DeclineHandover request) {
        return HandoverView.of(handovers.decline(id, actor(caller), request.reason()));
    }

    @PostMapping("/api/v1/handovers/{id}/cancel")
    HandoverView cancel(Caller caller, @PathVariable UUID id) {
        return HandoverView.of(handovers.cancel(id, actor(caller)));
    }

    private static Actor actor(Caller caller) {
        return new Actor(caller.agency(), caller.userRef());
    }

    record RequestHandover(@NotBlank @Size(max = 100) String toAgency, @NotNull Handover.Reason reason,
            @Valid BasisView legalBasis) {
    }

    record BasisView(@NotNull LegalBasis.Type type, UUID consentId, @Size(max = 40) String provisionCode) {
    }

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
