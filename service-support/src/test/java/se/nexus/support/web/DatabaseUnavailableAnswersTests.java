package se.nexus.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A database that cannot be reached is a 503 with Retry-After wherever the failure surfaces, and never quotes the
 * driver's message; any other failure stays a 500.
 */
class DatabaseUnavailableAnswersTests {

    private final ProblemErrorController errors = new ProblemErrorController(new Problems(JsonMapper.builder().build()));

    @Test
    void aFilterThatLostItsDatabaseConnectionIsAnswered503WithRetryAfter() throws Exception {
        MockHttpServletResponse response = errorDispatch(
            new ServletException(new DataAccessResourceFailureException("terminating connection due to administrator command")));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains(Problems.TYPE_BASE + "database-unavailable")
            .doesNotContain("terminating");
    }

    @Test
    void anyOtherFailureOfAFilterStaysA500WithoutRetryAfter() throws Exception {
        MockHttpServletResponse response = errorDispatch(new DataIntegrityViolationException("duplicate key"));

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getHeader("Retry-After")).isNull();
    }

    @Test
    void aControllerThatCouldNotBeginItsTransactionIsAnswered503WithRetryAfter() {
        var answer = new ApiExceptionHandler().databaseUnavailable(
            new CannotCreateTransactionException("Could not open JDBC Connection for transaction"));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(answer.getBody().getType().toString()).isEqualTo(Problems.TYPE_BASE + "database-unavailable");
    }

    /** The rollback of a transaction whose connection the server ended fails with the pool's own exception. */
    @Test
    void aRollbackOnAConnectionTheServerEndedIsAnswered503AndOtherSqlFailuresAreNot() throws Exception {
        SQLException lost = new SQLException("An I/O error occurred while sending to the backend", "08006");
        var rollbackFailed = new TransactionSystemException("JDBC rollback failed",
            new SQLException("Connection is closed"));

        assertThat(errorDispatch(lost).getStatus()).isEqualTo(503);
        assertThat(new ApiExceptionHandler().databaseFailure(lost).getStatusCode().value()).isEqualTo(503);
        assertThat(errorDispatch(new ServletException("Request processing failed", rollbackFailed)).getStatus())
            .isEqualTo(503);
        assertThat(new ApiExceptionHandler().databaseFailure(rollbackFailed).getStatusCode().value()).isEqualTo(503);
        SQLException duplicate = new SQLException("duplicate key value", "23505");
        assertThatThrownBy(() -> new ApiExceptionHandler().databaseFailure(duplicate)).isSameAs(duplicate);
        assertThat(errorDispatch(duplicate).getStatus()).isEqualTo(500);
    }

    private MockHttpServletResponse errorDispatch(Throwable failure) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/error");
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
        request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, failure);
        MockHttpServletResponse response = new MockHttpServletResponse();
        errors.error(request, response);
        return response;
    }
}
