package se.nexus.support.web;

import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolationException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import se.nexus.support.database.DatabaseUnavailable;

/**
 * Turns refusals into RFC 9457 problem details. Invalid input is a 400 that lists the offending fields
 * and why, never their values: a rejected value may be personal data.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> refused(ApiException e) {
        var response = ResponseEntity.status(e.status());
        if (e.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, Problems.retryAfterSeconds(e.retryAfter()));
        }
        return response.body(Problems.of(e.status(), e.type(), e.getMessage()));
    }

    @ExceptionHandler({ DataAccessResourceFailureException.class, RecoverableDataAccessException.class,
        CannotCreateTransactionException.class })
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
            .header(HttpHeaders.RETRY_AFTER, Problems.retryAfterSeconds(DatabaseUnavailable.RETRY_AFTER))
            .body(DatabaseUnavailable.problem());
    }

    /** A failure Spring did not translate (a rollback on a connection the server ended) may mean the same. */
    @ExceptionHandler({ SQLException.class, TransactionSystemException.class })
    ResponseEntity<ProblemDetail> databaseFailure(Exception e) throws Exception {
        if (!DatabaseUnavailable.causedBy(e)) {
            throw e;
        }
        return databaseUnavailable(e);
    }

    @ExceptionHandler(InvalidInput.class)
    ResponseEntity<ProblemDetail> invalidInput(InvalidInput e) {
        return invalid(e.fields().stream().map(field -> new FieldError(field.field(), field.message())).toList());
    }

    /** Raised where a bean is validated outside Spring MVC's own parameter validation. */
    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolated(ConstraintViolationException e) {
        return invalid(e.getConstraintViolations().stream()
            .map(violation -> new FieldError(lastNode(violation.getPropertyPath().toString()), violation.getMessage()))
            .sorted(Comparator.comparing(FieldError::field)).toList());
    }

    private static String lastNode(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e) {
        return invalid(List.of(new FieldError(e.getName(), "has the wrong format")));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = e.getBindingResult().getFieldErrors().stream()
            .map(error -> new FieldError(error.getField(), error.getDefaultMessage()))
            .sorted(Comparator.comparing(FieldError::field))
            .toList();
        return ResponseEntity.badRequest().body(invalidProblem(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = e.getParameterValidationResults().stream()
            .flatMap(result -> result.getResolvableErrors().stream()
                .map(error -> new FieldError(result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
            .toList();
        return ResponseEntity.badRequest().body(invalidProblem(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        BodyTooLarge tooLarge = BodyTooLarge.in(e);
        if (tooLarge != null) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge.problem());
        }
        // The parser's message may quote the input, so it is not passed on.
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed-request",
            "The request body is not valid JSON of the expected shape (check field names and types, enumeration values "
                + "and duplicate keys)");
        return ResponseEntity.badRequest().body(problem);
    }

    private static ResponseEntity<ProblemDetail> invalid(List<FieldError> errors) {
        return ResponseEntity.badRequest().body(invalidProblem(errors));
    }

    private static ProblemDetail invalidProblem(List<FieldError> errors) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "The request has invalid fields");
        problem.setProperty("errors", errors.stream().map(error -> Map.of("field", error.field(), "message",
            error.message() == null ? "is invalid" : error.message())).toList());
        return problem;
    }

    record FieldError(String field, String message) {
    }
}
