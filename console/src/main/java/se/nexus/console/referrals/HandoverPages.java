package se.nexus.console.referrals;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

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

import se.nexus.console.api.ApiProblem;
import se.nexus.console.api.Commands;
import se.nexus.console.api.ReferralApi;
import se.nexus.console.web.ProblemMessages;

/**
 * Handovers waiting for the agency's decision (the target may not see the referral before it takes the case over),
 * and the decisions: accept, decline with a reason, or cancel one the agency requested.
 */
@Controller
class HandoverPages {

	private static final Set<String> DECISIONS = Set.of("accept", "cancel");

	private final ReferralApi api;

	private final Codes codes;

	HandoverPages(ReferralApi api, Codes codes) {
		this.api = api;
		this.codes = codes;
	}

	@InitBinder("handoverDeclineForm")
	void fields(WebDataBinder binder) {
		binder.initDirectFieldAccess();
	}

	@GetMapping("/handovers")
	String list(@RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("handovers", api.handovers("received", "PENDING", Math.max(0, page), ReferralPages.PAGE_SIZE));
		model.addAttribute("sent", api.handovers("sent", "PENDING", 0, ReferralPages.PAGE_SIZE));
		model.addAttribute("codes", codes);
		model.addAttribute("change", new Commands.Change(UUID.randomUUID()));
		if (!model.containsAttribute("handoverDeclineForm")) {
			model.addAttribute("handoverDeclineForm", new HandoverDeclineForm());
		}
		return "handovers/list";
	}

	@PostMapping("/handovers/{id}/{decision}")
	String decide(@PathVariable UUID id, @PathVariable String decision, @RequestParam UUID idempotencyKey,
			@RequestParam(defaultValue = "/handovers") String returnTo, RedirectAttributes redirect) {
		if (!DECISIONS.contains(decision)) {
			throw new ApiProblem(404, null, null);
		}
		try {
			var handover = api.decideHandover(id, decision, idempotencyKey);
			redirect.addFlashAttribute("done", "done.handover." + decision);
			// Accepted: the case is now the agency's own, so open it.
			return "accept".equals(decision) ? "redirect:/referrals/" + handover.referralId() : back(returnTo);
		}
		catch (ApiProblem problem) {
			ReferralPages.throwUnlessShowable(problem);
			redirect.addFlashAttribute("failed", ProblemMessages.globalKey(problem, null));
			return back(returnTo);
		}
	}

	@PostMapping("/handovers/{id}/decline")
	String decline(@PathVariable UUID id, @ModelAttribute("handoverDeclineForm") HandoverDeclineForm form,
			BindingResult errors, @RequestParam(defaultValue = "/handovers") String returnTo, Model model,
			RedirectAttributes redirect) {
		try {
			api.declineHandover(id, new Commands.DeclineHandover(ReferralPages.blankToNull(form.reason)),
					form.idempotencyKey);
			redirect.addFlashAttribute("done", "done.handover.decline");
			return back(returnTo);
		}
		catch (ApiProblem problem) {
			ReferralPages.throwUnlessShowable(problem);
			redirect.addFlashAttribute("failed", problem.status() == 400 ? "invalid.reason"
					: ProblemMessages.globalKey(problem, null));
			return back(returnTo);
		}
	}

	/** Back to the page the decision was made on: only the console's own referral or handover pages. */
	private static String back(String returnTo) {
		return returnTo.matches("/handovers|/referrals/[0-9a-f-]{36}") ? "redirect:" + returnTo : "redirect:/handovers";
	}
}
