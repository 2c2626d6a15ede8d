package se.nexus.console.referrals;

import java.util.List;
import java.util.Map;
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
import se.nexus.console.security.Person;
import se.nexus.console.web.ProblemMessages;

/** Recording a person's consent, reading it, and withdrawing it when the person takes it back. */
@Controller
class ConsentPages {

	private final ReferralApi api;

	private final Participants participants;

	private final Codes codes;

	ConsentPages(ReferralApi api, Participants participants, Codes codes) {
		this.api = api;
		this.participants = participants;
		this.codes = codes;
	}

	@InitBinder("consentForm")
	void fields(WebDataBinder binder) {
		binder.initDirectFieldAccess();
	}

	@GetMapping("/consents/new")
	String form(Authentication authentication, Model model) {
		return page(new ConsentForm(), authentication, model);
	}

	@PostMapping("/consents")
	String record(@ModelAttribute("consentForm") ConsentForm form, BindingResult errors, Authentication authentication,
			Model model, RedirectAttributes redirect) {
		try {
			var consent = api.grant(new Commands.GrantConsent(ReferralPages.blankToNull(form.subjectRef),
					form.grantedTo == null ? List.of() : form.grantedTo, ReferralPages.blankToNull(form.purpose),
					form.dataCategories == null ? List.of() : form.dataCategories, form.validFrom, form.validUntil,
					ReferralPages.blankToNull(form.obtained)), form.idempotencyKey);
			redirect.addFlashAttribute("done", "done.consent.record");
			return "redirect:/consents/" + consent.id();
		}
		catch (ApiProblem problem) {
			ReferralPages.throwUnlessShowable(problem);
			ProblemMessages.reject(problem, errors, Map.of(), null);
			form.idempotencyKey = UUID.randomUUID();
			return page(form, authentication, model);
		}
	}

	@GetMapping("/consents/{id}")
	String show(@PathVariable UUID id, Authentication authentication, Model model) {
		var consent = api.consent(id);
		model.addAttribute("consent", consent);
		model.addAttribute("mayWithdraw",
				"ACTIVE".equals(consent.status()) && Person.of(authentication).agency().equals(consent.recordedBy()));
		model.addAttribute("change", new Commands.Change(UUID.randomUUID()));
		return "consents/show";
	}

	@PostMapping("/consents/{id}/withdraw")
	String withdraw(@PathVariable UUID id, @RequestParam UUID idempotencyKey, RedirectAttributes redirect) {
		try {
			api.withdrawConsent(id, idempotencyKey);
			redirect.addFlashAttribute("done", "done.consent.withdraw");
		}
		catch (ApiProblem problem) {
			ReferralPages.throwUnlessShowable(problem);
			redirect.addFlashAttribute("failed", ProblemMessages.globalKey(problem, null));
		}
		return "redirect:/consents/" + id;
	}

	private String page(ConsentForm form, Authentication authentication, Model model) {
		model.addAttribute("consentForm", form);
		model.addAttribute("codes", codes);
		model.addAttribute("agencies", participants.caseAgenciesOtherThan(Person.of(authentication).agency()));
		return "consents/new";
	}
}
