package io.jixiao.budget.projectyear.web;

import io.jixiao.testing.ApiClient.Response;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** 调剂 between project-years over HTTP: refused, retried and completed, budget is conserved. */
class CrossProjectTransferApiTest extends BudgetApiTestBase {

    private String registered(String code, String budget) {
        Response registered = post("/projects", """
                {"code":"%s","name":"调剂项目","department":"主管部门","implementingUnit":"实施单位","fiscalYear":2025}
                """.formatted(code));
        assertThat(registered.status()).isEqualTo(201);
        String projectId = registered.text("projectId");
        assertThat(post("/projects/" + projectId + "/initial-budgets", """
                {"fundSource":"CURRENT_YEAR_APPROPRIATION","amount":"%s","documentNumber":"d"}""".formatted(budget)).status())
                .isEqualTo(201);
        return projectId;
    }

    private String opened(String projectId) {
        assertThat(post("/projects/" + projectId + "/open", "").status()).isEqualTo(200);
        return projectId;
    }

    private Response transfer(String key, String from, String to, String amount) {
        return post("/transfers", """
                {"adjustmentId":"%s","fromProjectId":"%s","fromFundSource":"CURRENT_YEAR_APPROPRIATION","toProjectId":"%s",
                 "toFundSource":"CURRENT_YEAR_APPROPRIATION","amount":"%s","reason":"项目间调剂","documentNumber":"d",
                 "businessDate":"2025-07-01"}""".formatted(key, from, to, amount));
    }

    private String fullYear(String projectId) {
        return api().get("/projects/" + projectId + "/position").body().path("total").path("fullYear").asString();
    }

    /**
     * Another instance of budget-service carrying the same transfer on holds its database lock: this one waits,
     * moves nothing meanwhile, and carries the transfer out once the lock is free.
     */
    @Test
    void aTransferWaitsWhileAnotherInstanceHoldsItsLock() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String sender = opened(registered("TLA" + suffix, "1000.00"));
        String receiver = opened(registered("TLB" + suffix, "1000.00"));
        String transferId = "transfer:" + sender + ":L1";
        try (java.sql.Connection otherInstance = jdbc.getDataSource().getConnection();
             java.sql.PreparedStatement lock = otherInstance.prepareStatement("select pg_advisory_lock(?, ?)");
             java.sql.PreparedStatement unlock = otherInstance.prepareStatement("select pg_advisory_unlock(?, ?)")) {
            for (java.sql.PreparedStatement statement : java.util.List.of(lock, unlock)) {
                statement.setInt(1, io.jixiao.budget.transfer.TransferProcess.TRANSFER_LOCKS);
                statement.setInt(2, transferId.hashCode());
            }
            lock.execute();
            java.util.concurrent.CompletableFuture<Response> sent = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                    transfer("L1", sender, receiver, "100.00"));

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> sent.get(700, java.util.concurrent.TimeUnit.MILLISECONDS))
                    .isInstanceOf(java.util.concurrent.TimeoutException.class);
            assertThat(fullYear(sender)).as("nothing moved while the other instance held it").isEqualTo("1000.00");

            unlock.execute();
            Response done = sent.get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(done.status()).as(done.body().toString()).isEqualTo(201);
        }
        assertThat(fullYear(sender)).isEqualTo("900.00");
        assertThat(fullYear(receiver)).isEqualTo("1100.00");
    }

    /** The reproduction of the money bug: a refused transfer retried once the receiver opened created 500.00. */
    @Test
    void aRetryOfARefusedTransferAnswersTheRefusalAndCreatesNoBudget() {
        String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String sender = registered("TRA" + suffix, "1000.00");
        String receiver = registered("TRB" + suffix, "1000.00");
        opened(sender);

        Response refused = transfer("T1", sender, receiver, "500.00");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("year-not-open");
        assertThat(fullYear(sender)).isEqualTo("1000.00");
        assertThat(fullYear(receiver)).isEqualTo("1000.00");

        opened(receiver);
        Response retried = transfer("T1", sender, receiver, "500.00");
        assertThat(retried.status()).as("the first answer stands").isEqualTo(422);
        assertThat(retried.body()).isEqualTo(refused.body());
        assertThat(fullYear(sender)).isEqualTo("1000.00");
        assertThat(fullYear(receiver)).as("no budget out of nowhere").isEqualTo("1000.00");

        Response anew = transfer("T2", sender, receiver, "500.00");
        assertThat(anew.status()).as("a new key is a new transfer").isEqualTo(201);
        assertThat(anew.text("outcome")).isEqualTo("RECORDED");
        assertThat(transfer("T2", sender, receiver, "500.00").text("outcome")).isEqualTo("DUPLICATE");
        assertThat(transfer("T2", sender, receiver, "500.01").status()).isEqualTo(409);
        assertThat(fullYear(sender)).isEqualTo("500.00");
        assertThat(fullYear(receiver)).isEqualTo("1500.00");
    }

    @Test
    void aTransferTheSenderCannotAffordIsRefusedAndLeavesNothing() {
        String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String sender = opened(registered("TRC" + suffix, "100.00"));
        String receiver = opened(registered("TRD" + suffix, "100.00"));

        Response refused = transfer("T1", sender, receiver, "100.01");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("budget-negative");
        assertThat(storedEvents("transfer:" + sender + ":T1")).as("the process remembers its refusal").isEqualTo(2);
        assertThat(fullYear(sender)).isEqualTo("100.00");
        assertThat(fullYear(receiver)).isEqualTo("100.00");
    }
}
