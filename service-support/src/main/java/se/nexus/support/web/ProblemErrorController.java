package se.nexus.support.web;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

import se.nexus.support.database.DatabaseUnavailable;

/**
 * Answers the servlet container's error dispatches (an unknown HTTP method, a rejected request, an exception no
 * handler caught) with a problem detail instead of Spring Boot's own error JSON; called directly, {@code /error}
 * is just an address with nothing at it (404).
 */
@Controller
class ProblemErrorController implements ErrorController {

    private final Problems problems;

    ProblemErrorController(Problems problems) {
        this.problems = problems;
    }

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpStatus status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
            ? HttpStatus.resolve(code) : null;
        if (status == null || !status.isError()) {
            status = HttpStatus.NOT_FOUND;
        }
        // A filter that reads the database (idempotency keys) throws past the MVC handlers.
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
                && DatabaseUnavailable.causedBy(failure)) {
            problems.write(response, DatabaseUnavailable.problem(), DatabaseUnavailable.RETRY_AFTER);
            return;
        }
        problems.write(response, problemOf(status));
    }

    /** A problem detail for a bare status, worded from the status alone. */
    static org.springframework.http.ProblemDetail problemOf(HttpStatus status) {
        String type = status.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return Problems.of(status, type, status.is5xxServerError() ? "The service could not answer this request"
            : "The request was refused: " + status.getReasonPhrase());
    }
}
