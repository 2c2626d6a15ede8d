package se.nexus.support.web;

import java.util.List;

import org.springframework.http.HttpStatus;

/** Input that is well-formed but invalid, found beyond annotation checks (400 listing the fields). */
public class InvalidInput extends ApiException {

    private final List<FieldProblem> fields;

    public InvalidInput(String field, String message) {
        super(HttpStatus.BAD_REQUEST, "invalid-request", "The request has invalid fields");
        this.fields = List.of(new FieldProblem(field, message));
    }

    public List<FieldProblem> fields() {
        return fields;
    }

    /** One invalid field and what is wrong with it, never its value. */
    public record FieldProblem(String field, String message) {
    }
}
