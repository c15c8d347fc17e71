package io.jixiao.budget.projectyear.web;

import io.jixiao.testing.ApiClient.Response;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Appends to the event store take one transaction at a time (platform's CommitOrderedJpaEventStorageEngine): while
 * another transaction holds the append lock, a payment is decided but not stored, and it is stored once the lock
 * is released. Global indexes therefore become visible in the order they were handed out.
 */
class OrderedAppendsApiTest extends BudgetApiTestBase {

    /** The lock key the engine takes, as the database sees it. */
    private static final long APPEND_LOCK = 0x6A69_7869_616FL;

    @Test
    void aPaymentWaitsForTheAppendLockAndIsStoredOnceItIsFree() throws Exception {
        String projectId = newProject("1000.00");
        int before = storedEvents(projectId);
        DataSource dataSource = jdbc.getDataSource();
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("select pg_advisory_xact_lock(" + APPEND_LOCK + ")");
            }
            CompletableFuture<Response> paid = CompletableFuture.supplyAsync(() ->
                    post("/projects/" + projectId + "/expenditures", payment("LOCKED-1", "10.00")));

            // still waiting for the lock after 700 ms, and nothing stored
            assertThatThrownBy(() -> paid.get(700, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            assertThat(storedEvents(projectId)).isEqualTo(before);

            holder.commit();
            assertThat(paid.get(10, TimeUnit.SECONDS).status()).isEqualTo(201);
        }
        assertThat(storedEvents(projectId)).isEqualTo(before + 1);
    }
}
