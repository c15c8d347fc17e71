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
                new RuntimeException(new SQLTransientConnectionException("pool - Connection is not available"))}) {
            ResponseEntity<ProblemDetail> answer = advice.unexpected(e);
            assertThat(answer.getStatusCode().value()).as(e.toString()).isEqualTo(503);
            assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
            assertThat(answer.getBody().getProperties()).containsEntry("code", "database-unavailable");
            assertThat(answer.getBody().getDetail()).contains("retry it with the same key");
        }
    }

    @Test
    void anyOtherErrorIs500() {
        for (Exception e : new Exception[]{new IllegalStateException("a bug"),
                new RuntimeException(new SQLException("duplicate key value", "23505"))}) {
            ResponseEntity<ProblemDetail> answer = advice.unexpected(e);
            assertThat(answer.getStatusCode().value()).as(e.toString()).isEqualTo(500);
            assertThat(answer.getBody().getProperties()).containsEntry("code", "internal-error");
        }
    }
}
