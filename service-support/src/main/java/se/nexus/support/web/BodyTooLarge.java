package se.nexus.support.web;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Raised while reading a request body that is longer than the limit of its endpoint (413). */
public class BodyTooLarge extends IOException {

    private final long limit;

    public BodyTooLarge(long limit) {
        super("The request body is longer than " + limit + " bytes");
        this.limit = limit;
    }

    public ProblemDetail problem() {
        return Problems.of(HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
            "The request body is longer than this endpoint accepts (" + limit + " bytes)");
    }

    /** The BodyTooLarge in an exception's causes, or null. */
    public static BodyTooLarge in(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLarge tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }
}
