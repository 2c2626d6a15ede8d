package se.nexus.console.referrals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import se.nexus.console.Participants;
import se.nexus.console.api.ApiProblem;
import se.nexus.console.api.Commands;
import se.nexus.console.api.ReferralApi;
import se.nexus.console.api.Views;
import se.nexus.console.security.Person;
import se.nexus.console.web.ProblemMessages;

/** The caseworker's referrals: the two boxes, one referral with its history, and what the agency may do with it. */
@Controller
class ReferralPages {

	static final int PAGE_SIZE = 20;

	private static final Set<String> BOXES = Set.of("received", "sent");

	private static final Set<String> TRANSITIONS = Set.of("receive", "accept", "withdraw", "close");

	private final ReferralApi api;

	private final Participants participants;

	private final Codes codes;

	ReferralPages(ReferralApi api, Participants participants, Codes codes) {
		this.api = api;
		this.participants = participants;
		this.codes = codes;
	}

	@InitBinder
	void fields(WebDataBinder binder) {
		binder.initDirectFieldAccess();
	}

	@ModelAttribute("codes")
	Codes codes() {
		return codes;
	}

	@GetMapping("/referrals")
	String list(@RequestParam(defaultValue = "received") String box, @RequestParam(required = false) String status,
			@RequestParam(defaultValue = "0") int page, Model model) {
		String shown = BOXES.contains(box) ? box : "received";
		String filter = codes.statuses().contains(status) ? status : null;
		model.addAttribute("box", shown);
		model.addAttribute("status", filter);
		model.addAttribute("referrals", api.referrals(shown, filter, Math.max(0, page), PAGE_SIZE));
		return "referrals/list";
	}

	@GetMapping("/referrals/{id}")
	String show(@PathVariable UUID id, Authentication authentication, Model model) {
		Views.Referral referral = api.referral(id);
		List<Views.HistoryEntry> history = api.history(id);
		Views.Handover pending = pendingHandover(history);
		String agency = Person.of(authentication).agency();
		model.addAttribute("referral", referral);
		model.addAttribute("history", history);
		model.addAttribute("pendingHandover", pending);
		model.addAttribute("actions", ReferralActions.of(referral, pending, agency));
		model.addAttribute("handoverTargets", participants.caseAgenciesOtherThan(referral.ownerAgency()));
		model.addAttribute("change", new Commands.Change(UUID.randomUUID()));
		if (!model.containsAttribute("declineForm")) {
			model.addAttribute("declineForm", new DeclineForm());
		}
		if (!model.containsAttribute("handoverForm")) {
			model.addAttribute("handoverForm", new HandoverForm());
		}
		return "referrals/show";
	}

	@PostMapping("/referrals/{id}/{action}")
	String transition(@PathVariable UUID id, @PathVariable String action, @RequestParam UUID idempotencyKey,
			RedirectAttributes redirect) {
		if (!TRANSITIONS.contains(action)) {
			throw new ApiProblem(404, null, null);
		}
		try {
			api.transition(id, action, idempotencyKey);
			redirect.addFlashAttribute("done", "done.referral." + action);
		}
		catch (ApiProblem problem) {
			redirect.addFlashAttribute("failed", ProblemMessages.globalKey(problem, null));
			throwUnlessShowable(problem);
		}
		return "redirect:/referrals/" + id;
	}

	@PostMapping("/referrals/{id}/decline")
	String decline(@PathVariable UUID id, @ModelAttribute("declineForm") DeclineForm form, BindingResult errors,
			Authentication authentication, Model model, RedirectAttributes redirect) {
		try {
			api.decline(id, new Commands.DeclineReferral(blankToNull(form.reason), blankToNull(form.comment)),
					form.idempotencyKey);
			redirect.addFlashAttribute("done", "done.referral.decline");
			return "redirect:/referrals/" + id;
		}
		catch (ApiProblem problem) {
			throwUnlessShowable(problem);
			ProblemMessages.reject(problem, errors, Map.of(), null);
			form.idempotencyKey = UUID.randomUUID();
			return show(id, authentication, model);
		}
	}

	@PostMapping("/referrals/{id}/handovers")
	String requestHandover(@PathVariable UUID id, @ModelAttribute("handoverForm") HandoverForm form,
			BindingResult errors, Authentication authentication, Model model, RedirectAttributes redirect) {
		try {
			Views.LegalBasis basis = LegalBases.of(form.basisType, form.consentId, form.provisionCode, errors);
			if (!errors.hasErrors()) {
				api.requestHandover(id, new Commands.RequestHandover(blankToNull(form.toAgency),
						blankToNull(form.reason), basis), form.idempotencyKey);
				redirect.addFlashAttribute("done", "done.handover.request");
				return "redirect:/referrals/" + id;
			}
		}
		catch (ApiProblem problem) {
			throwUnlessShowable(problem);
			ProblemMessages.reject(problem, errors, HandoverForm.API_FIELDS, "problem.no-consent");
		}
		form.idempotencyKey = UUID.randomUUID();
		return show(id, authentication, model);
	}

	/** The handover of this referral that waits for a decision, if any: the latest one requested, unless decided. */
	private Views.Handover pendingHandover(List<Views.HistoryEntry> history) {
		for (int i = history.size() - 1; i >= 0; i--) {
			Views.HistoryEntry entry = history.get(i);
			if ("HANDOVER_REQUESTED".equals(entry.type()) && entry.handoverId() != null) {
				Views.Handover handover = api.handover(entry.handoverId());
				return "PENDING".equals(handover.status()) ? handover : null;
			}
		}
		return null;
	}

	/** A refusal that a page of its own explains better than a message on this one (not found, service down). */
	static void throwUnlessShowable(ApiProblem problem) {
		if (problem.status() == 401 || problem.status() == 404 || problem.status() >= 500) {
			throw problem;
		}
	}

	static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}
}
