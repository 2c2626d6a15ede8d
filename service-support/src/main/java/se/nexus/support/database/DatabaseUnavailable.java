package se.nexus.support.database;

import java.sql.SQLException;
import java.time.Duration;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import se.nexus.support.web.Problems;

/**
 * A service's database that cannot be reached for a moment (restarting, failing over, connections cut) is a passing
 * condition, not a fault of the request or record at hand: the API answers 503 with {@code Retry-After}, not 500,
 * whether the failure came from a controller or from a filter that reads the database first (idempotency keys); a
 * consumer tries the record again until the database is back, and never sends it to a dead-letter topic. Found by the
 * fault suite's PostgreSQL restart (docs/architecture.md, section 5.7).
 */
public final class DatabaseUnavailable {

    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private DatabaseUnavailable() {
    }

    /** Whether this failure, or one it was caused by, says the database could not be reached. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException || cause instanceof RecoverableDataAccessException
                    || cause instanceof CannotCreateTransactionException || connectionLost(cause)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A driver's or pool's own failure that Spring did not translate: SQL state class 08 is a connection exception;
     * and a commit or rollback that failed in JDBC, e.g. the rollback of a transaction whose connection the server
     * had just ended.
     */
    private static boolean connectionLost(Throwable cause) {
        if (cause instanceof TransactionSystemException failed && failed.getCause() instanceof SQLException) {
            // The commit or rollback itself failed at the connection (HikariCP's "Connection is closed" has no state).
            return true;
        }
        return cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08");
    }

    public static ProblemDetail problem() {
        // The request may or may not have taken effect if the connection broke at commit: a retry with the same
        // Idempotency-Key is answered once either way.
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", "The service's database cannot be "
            + "reached for a moment. Send the request again, with the same Idempotency-Key, after Retry-After seconds");
    }
}
