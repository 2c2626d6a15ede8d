package se.nexus.support.web;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/** Writes RFC 9457 problem details where no MVC handler is involved (the servlet filters). */
public final class Problems {

    /** Base of the {@code type} URIs of Nexus problems. */
    public static final String TYPE_BASE = "https://nexus.example/problems/";

    private final JsonMapper json;

    public Problems(JsonMapper json) {
        this.json = json;
    }

    /** A problem detail with a Nexus type URI, a fixed title and a detail that never echoes input. */
    public static ProblemDetail of(HttpStatus status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        return problem;
    }

    public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), body);
    }

    /** Writes a refusal the client may try again, after the time said in {@code Retry-After}. */
    public void write(HttpServletResponse response, ProblemDetail problem, Duration retryAfter) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, retryAfterSeconds(retryAfter));
        write(response, problem);
    }

    /** A {@code Retry-After} value: whole seconds, rounded up, at least one. */
    public static String retryAfterSeconds(Duration retryAfter) {
        return Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000));
    }
}
