package se.nexus.console.referrals;

import java.util.List;
import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
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

/**
 * Submitting a referral, on a consent or a statutory provision. The subject ref travels only in the form's body:
 * finding the consents about a person is a button on the form, not a link.
 */
@Controller
class NewReferralPages {

	private final ReferralApi api;

	private final Participants participants;

	private final Codes codes;

	NewReferralPages(ReferralApi api, Participants participants, Codes codes) {
		this.api = api;
		this.participants = participants;
		this.codes = codes;
	}

	@InitBinder("referralForm")
	void fields(WebDataBinder binder) {
		binder.initDirectFieldAccess();
	}

	@GetMapping("/referrals/new")
	String form(@RequestParam(required = false) UUID consent, Authentication authentication, Model model) {
		ReferralForm form = new ReferralForm();
		if (consent != null) {
			// Coming from a consent just recorded: the person and the agencies it names are on the form already.
			Views.Consent chosen = api.consent(consent);
			form.consentId = chosen.id().toString();
			form.subjectRef = chosen.subjectRef();
			form.purpose = chosen.purpose();
			form.toAgency = chosen.grantedTo().stream().findFirst().orElse(null);
		}
		return page(form, null, authentication, model);
	}

	@PostMapping(path = "/referrals", params = "findConsents")
	String findConsents(@ModelAttribute("referralForm") ReferralForm form, BindingResult errors,
			Authentication authentication, Model model) {
		String subjectRef = ReferralPages.blankToNull(form.subjectRef);
		if (subjectRef == null) {
			errors.rejectValue("subjectRef", "invalid.subjectRef");
			return page(form, null, authentication, model);
		}
		List<Views.Consent> consents = api.consentsAbout(subjectRef)
			.stream()
			.filter(consent -> "ACTIVE".equals(consent.status()))
			.toList();
		return page(form, consents, authentication, model);
	}

	@PostMapping("/referrals")
	String submit(@ModelAttribute("referralForm") ReferralForm form, BindingResult errors,
			Authentication authentication, Model model, RedirectAttributes redirect) {
		try {
			Views.LegalBasis basis = LegalBases.of(form.basisType, form.consentId, form.provisionCode, errors);
			if (!errors.hasErrors()) {
				Views.Referral referral = api.submit(command(form, basis), form.idempotencyKey);
				redirect.addFlashAttribute("done", "done.referral.submit");
				return "redirect:/referrals/" + referral.id();
			}
		}
		catch (ApiProblem problem) {
			ReferralPages.throwUnlessShowable(problem);
			ProblemMessages.reject(problem, errors, ReferralForm.API_FIELDS, "problem.no-consent");
		}
		// A new key: the corrected form is another request, and must not be taken for a replay of this one.
		form.idempotencyKey = UUID.randomUUID();
		return page(form, null, authentication, model);
	}

	private static Commands.SubmitReferral command(ReferralForm form, Views.LegalBasis basis) {
		String ref = ReferralPages.blankToNull(form.subjectRef);
		return new Commands.SubmitReferral(ReferralPages.blankToNull(form.toAgency),
				new Views.Subject(ref, form.protectedIdentity), ReferralPages.blankToNull(form.urgency),
				form.concerns == null ? List.of() : form.concerns, basis, ReferralPages.blankToNull(form.purpose),
				ReferralPages.blankToNull(form.summary));
	}

	private String page(ReferralForm form, List<Views.Consent> consents, Authentication authentication, Model model) {
		model.addAttribute("referralForm", form);
		model.addAttribute("consents", consents);
		model.addAttribute("codes", codes);
		model.addAttribute("agencies", participants.caseAgenciesOtherThan(Person.of(authentication).agency()));
		return "referrals/new";
	}
}
