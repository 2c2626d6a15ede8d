package se.nexus.console.audit;

import java.util.List;
import java.util.stream.StreamSupport;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import tools.jackson.databind.JsonNode;

import se.nexus.console.api.ApiProblem;
import se.nexus.console.api.AuditApi;
import se.nexus.console.web.ProblemMessages;

/**
 * The auditor's first pages: a person's extract of who read or changed their case (printable), and the flags of the
 * access follow-up to review. The subject ref is posted, never put in a URL.
 */
@Controller
class AuditPages {

    static final List<String> REVIEW_CODES = List.of("LEGITIMATE", "FALSE_POSITIVE", "FOLLOWED_UP_WITH_AGENCY",
        "REPORTED_TO_DPO");

    private final AuditApi api;

    AuditPages(AuditApi api) {
        this.api = api;
    }

    @GetMapping("/audit")
    String home() {
        return "audit/home";
    }

    @GetMapping("/audit/extract")
    String extractForm() {
        return "audit/extract";
    }

    @PostMapping("/audit/extract")
    String extract(@RequestParam(defaultValue = "") String subjectRef, Model model) {
        model.addAttribute("subjectRef", subjectRef);
        if (!subjectRef.matches(LogSearches.SUBJECT_REF)) {
            model.addAttribute("invalid", true);
            return "audit/extract";
        }
        JsonNode extract = api.extract(subjectRef.trim());
        model.addAttribute("lines", StreamSupport.stream(extract.get("entries").spliterator(), false).toList());
        model.addAttribute("total", extract.get("total").asLong());
        return "audit/extract";
    }

    @GetMapping("/audit/flags")
    String flags(Model model) {
        model.addAttribute("flags", StreamSupport.stream(api.flags(false).get("items").spliterator(), false).toList());
        model.addAttribute("codes", REVIEW_CODES);
        return "audit/flags";
    }

    @PostMapping("/audit/flags/{id}/review")
    String review(@PathVariable long id, @RequestParam(required = false) String code, RedirectAttributes redirect) {
        try {
            api.review(id, code);
            redirect.addFlashAttribute("done", "done.flag.review");
        }
        catch (ApiProblem problem) {
            throwUnlessShowable(problem);
            redirect.addFlashAttribute("failed", problem.status() == 400 ? "invalid.code"
                    : ProblemMessages.globalKey(problem, null));
        }
        return "redirect:/audit/flags";
    }

    /** A refusal that the problem page explains better (sign in again, service down) than a message on this one. */
    static void throwUnlessShowable(ApiProblem problem) {
        if (problem.status() == 401 || problem.status() >= 500) {
            throw problem;
        }
    }
}
