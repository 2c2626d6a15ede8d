package se.nexus.console.audit;

import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import se.nexus.console.Participants;
import se.nexus.console.api.ApiProblem;
import se.nexus.console.api.AuditApi;
import se.nexus.console.api.Views;
import se.nexus.console.web.ProblemMessages;

/**
 * The auditor's search of the log and one entry of it. A search is posted, and so is each of its pages: the filters
 * may name a person, and travel only in form bodies, never in a URL.
 */
@Controller
class LogPages {

    static final int PAGE_SIZE = 50;

    private final AuditApi api;

    private final Participants participants;

    private final AuditProperties properties;

    LogPages(AuditApi api, Participants participants, AuditProperties properties) {
        this.api = api;
        this.participants = participants;
        this.properties = properties;
    }

    @InitBinder("logSearchForm")
    void fields(WebDataBinder binder) {
        binder.initDirectFieldAccess();
    }

    @GetMapping("/audit/log")
    String searchForm(Model model) {
        return page(new LogSearchForm(), null, model);
    }

    @PostMapping("/audit/log")
    String search(@ModelAttribute("logSearchForm") LogSearchForm form, BindingResult errors, Model model) {
        AuditApi.Search search = LogSearches.of(form, errors,
                participants.agencies().stream().map(Participants.Agency::id).toList(), properties.eventTypes());
        if (search == null) {
            return page(form, null, model);
        }
        try {
            return page(form, api.entries(search, Math.max(0, form.page), PAGE_SIZE), model);
        }
        catch (ApiProblem problem) {
            AuditPages.throwUnlessShowable(problem);
            ProblemMessages.reject(problem, errors, Map.of(), null);
            return page(form, null, model);
        }
    }

    @GetMapping("/audit/entries/{position}")
    String entry(@PathVariable long position, Model model, HttpServletResponse response) {
        model.addAttribute("position", position);
        try {
            model.addAttribute("chained", api.entry(position));
        }
        catch (ApiProblem problem) {
            if (problem.status() != 404 && problem.status() != 400) {
                throw problem;
            }
            // No entry there (yet): said on the entry's own page, which still links back into the chain.
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        }
        return "audit/entry";
    }

    private String page(LogSearchForm form, Views.Page<Views.AuditEntry> results, Model model) {
        model.addAttribute("logSearchForm", form);
        model.addAttribute("results", results);
        model.addAttribute("agencies", participants.agencies());
        model.addAttribute("eventTypes", properties.eventTypes());
        return "audit/log";
    }
}
