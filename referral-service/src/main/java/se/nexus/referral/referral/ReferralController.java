package se.nexus.referral.referral;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

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

import se.nexus.support.security.Caller;
import se.nexus.support.web.InvalidInput;
import se.nexus.support.web.PageOf;

/** Referrals over HTTP: caseworkers of the sending and receiving agencies. */
@RestController
@RequestMapping("/api/v1/referrals")
class ReferralController {

    private final ReferralManagement referrals;

    ReferralController(ReferralManagement referrals) {
        this.referrals = referrals;
    }

    @PostMapping
    ResponseEntity<ReferralView> submit(Caller caller, @Valid @RequestBody SubmitReferral request) {
        Referral referral = referrals.submit(actor(caller), request.toNewReferral());
        return ResponseEntity.created(URI.create("/api/v1/referrals/" + referral.id())).body(view(referral));
    }

    @GetMapping("/{id}")
    ReferralView get(Caller caller, @PathVariable UUID id) {
        return view(referrals.get(id, caller.agency()));
    }

    @GetMapping
    PageOf<ReferralView> list(Caller caller, @RequestParam(defaultValue = "received") String box,
            @RequestParam(required = false) ReferralStatus status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        Referrals.Box which = switch (box) {
            case "sent" -> Referrals.Box.SENT;
            case "received" -> Referrals.Box.RECEIVED;
            default -> throw new InvalidInput("box", "must be sent or received");
        };
        PageOf<Referral> found = referrals.list(caller.agency(), which, status, page, size);
        return new PageOf<>(found.items().stream().map(this::view).toList(), found.page(), found.size(), found.total());
    }

    @PostMapping("/{id}/receive")
    ReferralView receive(Caller caller, @PathVariable UUID id) {
        return view(referrals.receive(id, actor(caller)));
    }

    @PostMapping("/{id}/accept")
    ReferralView accept(Caller caller, @PathVariable UUID id) {
        return view(referrals.accept(id, actor(caller)));
    }

    @PostMapping("/{id}/decline")
    ReferralView decline(Caller caller, @PathVariable UUID id, @Valid @RequestBody DeclineRequest request) {
        return view(referrals.decline(id, actor(caller), request.reason(), request.comment()));
    }

    @PostMapping("/{id}/withdraw")
    ReferralView withdraw(Caller caller, @PathVariable UUID id) {
        return view(referrals.withdraw(id, actor(caller)));
    }

    @PostMapping("/{id}/close")
    ReferralView close(Caller caller, @PathVariable UUID id) {
        return view(referrals.close(id, actor(caller)));
    }

    private static Actor actor(Caller caller) {
        return new Actor(caller.agency(), caller.userRef());
    }

    private ReferralView view(Referral referral) {
        return new ReferralView(referral.id(), referral.status(), referral.fromAgency(), referral.toAgency(),
            referral.ownerAgency(), new SubjectView(referral.subject().ref(), referral.subject().protectedIdentity()),
            referral.urgency(), referral.concerns(), new LegalBasisView(referral.legalBasis().type(),
                referral.legalBasis().consentId(), referral.legalBasis().provisionCode()), referral.purpose(),
            referrals.reveal(referral.summary()),
            referral.decline() == null ? null : referral.decline().reason(),
            referral.decline() == null ? null : referrals.reveal(referral.decline().comment()),
            referral.createdAt(), referral.updatedAt());
    }

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

    record DeclineRequest(@NotNull DeclineReason reason, @Size(max = 2000) String comment) {
    }

    record ReferralView(UUID id, ReferralStatus status, String fromAgency, String toAgency, String ownerAgency,
            SubjectView subject, Urgency urgency, List<Concern> concerns, LegalBasisView legalBasis, Purpose purpose,
            String summary,
            DeclineReason declineReason, String declineComment, Instant createdAt, Instant updatedAt) {
    }
}
