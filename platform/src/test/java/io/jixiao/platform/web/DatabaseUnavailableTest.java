package io.jixiao.platform.web;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** The database out of reach is a 503 with Retry-After, telling the client to retry with its key; a bug stays a 500. */
class DatabaseUnavailableTest {

    private final ProblemAdvice advice = new ProblemAdvice();

    @Test
    void aBrokenConnectionIs503WithRetryAfter() {
        // what Hikari and the PostgreSQL driver throw while the server restarts, wrapped as Spring and Axon wrap them
        for (Exception e : new Exception[]{
                new IllegalStateException("command failed", new SQLException("An I/O error occurred", "08006")),
                new RuntimeException(new SQLException("the database system is shutting down", "57P03")),
                new RuntimeException(new SQLTransientConnectionException("pool - Connection is not available")),
                // a request that waited past idle_in_transaction_session_timeout inside its transaction: rolled back
                new RuntimeException(new SQLException("FATAL: terminating connection due to idle-in-transaction timeout", "25P03")),
                new RuntimeException("could not prepare statement", closedByHikari())}) {
            ResponseEntity<ProblemDetail> answer = advice.unexpected(e);
            assertThat(answer.getStatusCode().value()).as(e.toString()).isEqualTo(503);
            assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
            assertThat(answer.getBody().getProperties()).containsEntry("code", "database-unavailable");
            assertThat(answer.getBody().getDetail()).contains("retry it with the same key");
        }
    }

    @Test
    void anyOtherErrorIs500() {
        SQLException closedElsewhere = new SQLException("Connection is closed");
        closedElsewhere.setStackTrace(new StackTraceElement[]{new StackTraceElement("org.example.OwnPool", "prepareStatement", null, 1)});
        for (Exception e : new Exception[]{new IllegalStateException("a bug"),
                new RuntimeException(new SQLException("duplicate key value", "23505")),
                new RuntimeException(closedElsewhere)}) {
            ResponseEntity<ProblemDetail> answer = advice.unexpected(e);
            assertThat(answer.getStatusCode().value()).as(e.toString()).isEqualTo(500);
            assertThat(answer.getBody().getProperties()).containsEntry("code", "internal-error");
        }
    }

    /** What HikariCP throws on a connection it closed as broken: no SQLState, from its closed-connection proxy. */
    private static SQLException closedByHikari() {
        SQLException e = new SQLException("Connection is closed");
        e.setStackTrace(new StackTraceElement[]{
                new StackTraceElement("com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection", "lambda$getClosedConnection$0", "ProxyConnection.java", 515),
                new StackTraceElement("com.zaxxer.hikari.pool.HikariProxyConnection", "prepareStatement", "HikariProxyConnection.java", 1)});
        return e;
    }
}
