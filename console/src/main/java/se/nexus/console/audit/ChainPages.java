package se.nexus.console.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import se.nexus.console.api.ApiProblem;
import se.nexus.console.api.AuditApi;
import se.nexus.console.api.Views;
import se.nexus.console.web.ProblemMessages;

/**
 * The chain as a whole: verifying it, its signed checkpoints, and the export to verify offline. Each is a call to the
 * audit service with the auditor's own token, and each is logged there.
 */
@Controller
class ChainPages {

    /** The export's media type and the name the browser saves it under, as the audit service sends them. */
    static final String EXPORT_TYPE = "application/jsonl";

    static final String EXPORT_FILE = "audit-export.jsonl";

    private final AuditApi api;

    ChainPages(AuditApi api) {
        this.api = api;
    }

    @GetMapping("/audit/verify")
    String verifyForm() {
        return "audit/verify";
    }

    /** A button, not a link: verifying reads the whole chain, and each run is logged. */
    @PostMapping("/audit/verify")
    String verify(Model model) {
        model.addAttribute("verification", api.verify());
        return "audit/verify";
    }

    /** The most checkpoints one page lists, newest first. */
    static final int SHOWN_CHECKPOINTS = 100;

    @GetMapping("/audit/checkpoints")
    String checkpoints(Model model) {
        Views.Checkpoints checkpoints = api.checkpoints();
        List<Views.Checkpoint> newestFirst = new ArrayList<>(checkpoints.items());
        Collections.reverse(newestFirst);
        // Hourly signing makes thousands a year: the page shows the newest; the export holds them all.
        model.addAttribute("checkpoints", newestFirst.subList(0, Math.min(SHOWN_CHECKPOINTS, newestFirst.size())));
        model.addAttribute("checkpointCount", newestFirst.size());
        model.addAttribute("publicKey", checkpoints.publicKey());
        return "audit/checkpoints";
    }

    @PostMapping("/audit/checkpoints")
    String sign(RedirectAttributes redirect) {
        try {
            api.signCheckpoint();
            redirect.addFlashAttribute("done", "done.checkpoint.sign");
        }
        catch (ApiProblem problem) {
            AuditPages.throwUnlessShowable(problem);
            redirect.addFlashAttribute("failed", ProblemMessages.globalKey(problem, null));
        }
        return "redirect:/audit/checkpoints";
    }

    /** The whole log as the service writes it, passed through as it arrives. */
    @GetMapping("/audit/export")
    void export(HttpServletResponse response) {
        api.export(() -> {
            response.setContentType(EXPORT_TYPE);
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + EXPORT_FILE + "\"");
            return response.getOutputStream();
        });
    }
}
