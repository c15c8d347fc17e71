package io.jixiao.budget.projectyear.web;

import io.jixiao.testing.ApiClient.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Adjustments, transfers, reversals, refunds, year close, batches and queries over HTTP, accepting and rejecting. */
class BudgetLifecycleApiTest extends BudgetApiTestBase {

    private static String adjustment(String id, String kind, String amount, boolean correction) {
        return """
                {"adjustmentId":"%s","kind":"%s","fundSource":"CURRENT_YEAR_APPROPRIATION","amount":"%s","reason":"年中调整",
                 "documentNumber":"沪财预〔2023〕5号","businessDate":"2023-06-30","correction":%s}
                """.formatted(id, kind, amount, correction);
    }

    private JsonNode position(String projectId, String query) {
        Response response = api().get("/projects/" + projectId + "/position" + query);
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    private static String amount(JsonNode position, String source, String column) {
        return position.path("sources").path(source).path(column).asString();
    }

    @Test
    void adjustmentsMoveTheFullYearBudgetAndAreIdempotent() {
        String projectId = newProject("1000.00");
        Response increase = post("/projects/" + projectId + "/adjustments", adjustment("A1", "INCREASE", "500.00", false));
        assertThat(increase.status()).isEqualTo(201);
        assertThat(post("/projects/" + projectId + "/adjustments", adjustment("A1", "INCREASE", "500.00", false)).text("outcome"))
                .isEqualTo("DUPLICATE");
        assertThat(post("/projects/" + projectId + "/adjustments", adjustment("A1", "INCREASE", "600.00", false)).status())
                .isEqualTo(409);
        JsonNode position = position(projectId, "");
        assertThat(amount(position, "CURRENT_YEAR_APPROPRIATION", "initial")).isEqualTo("1000.00");
        assertThat(amount(position, "CURRENT_YEAR_APPROPRIATION", "fullYear")).isEqualTo("1500.00");
        assertThat(position.path("total").path("fullYear").asString()).isEqualTo("1500.00");
    }

    @Test
    void aDecreaseBelowWhatWasPaidIsRefusedUnlessMarkedAsACorrection() {
        String projectId = newProject("1000.00");
        assertThat(post("/projects/" + projectId + "/expenditures", payment("P1", "800.00")).status()).isEqualTo(201);
        Response refused = post("/projects/" + projectId + "/adjustments", adjustment("A1", "DECREASE", "300.00", false));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("budget-below-executed");
        assertThat(refused.text("executed")).isEqualTo("800.00");
        assertThat(post("/projects/" + projectId + "/adjustments", adjustment("A2", "RECOVERY", "300.00", true)).status()).isEqualTo(201);
        assertThat(amount(position(projectId, ""), "CURRENT_YEAR_APPROPRIATION", "available")).isEqualTo("-100.00");
    }

    @Test
    void rejectsAdjustmentsOfUnknownKindOrForm() {
        String projectId = newProject("1000.00");
        assertThat(post("/projects/" + projectId + "/adjustments", adjustment("A1", "TRANSFER_IN", "1.00", false)).status()).isEqualTo(400);
        assertThat(post("/projects/" + projectId + "/adjustments", adjustment("A1", "INCREASE", "1.001", false)).status()).isEqualTo(400);
        assertThat(post("/projects/" + projectId + "/adjustments", adjustment("A1", "INCREASE", "1.00", false)
                .replace("\"reason\":\"年中调整\",", "")).status()).isEqualTo(400);
        assertThat(storedEvents(projectId)).isEqualTo(3);
    }

    @Test
    void transfersBetweenSourcesAndBetweenProjects() {
        String projectId = newProject("1000.00");
        Response within = post("/projects/" + projectId + "/transfers", """
                {"adjustmentId":"T1","from":"CURRENT_YEAR_APPROPRIATION","to":"OTHER_FUNDS","amount":"200.00","reason":"调剂",
                 "documentNumber":"d","businessDate":"2023-07-01"}""");
        assertThat(within.status()).isEqualTo(201);
        JsonNode position = position(projectId, "");
        assertThat(amount(position, "CURRENT_YEAR_APPROPRIATION", "fullYear")).isEqualTo("800.00");
        assertThat(amount(position, "OTHER_FUNDS", "fullYear")).isEqualTo("200.00");
        assertThat(position.path("total").path("fullYear").asString()).isEqualTo("1000.00");

        String other = newProject("10.00");
        Response between = post("/transfers", """
                {"adjustmentId":"T2","fromProjectId":"%s","fromFundSource":"CURRENT_YEAR_APPROPRIATION","toProjectId":"%s",
                 "toFundSource":"OTHER_FUNDS","amount":"300.00","reason":"项目间调剂","documentNumber":"d","businessDate":"2023-07-02"}
                """.formatted(projectId, other));
        assertThat(between.status()).isEqualTo(201);
        assertThat(amount(position(projectId, ""), "CURRENT_YEAR_APPROPRIATION", "fullYear")).isEqualTo("500.00");
        assertThat(amount(position(other, ""), "OTHER_FUNDS", "fullYear")).isEqualTo("300.00");

        Response toUnknown = post("/transfers", """
                {"adjustmentId":"T3","fromProjectId":"%s","fromFundSource":"CURRENT_YEAR_APPROPRIATION","toProjectId":"2023-NOWHERE",
                 "toFundSource":"OTHER_FUNDS","amount":"1.00","reason":"r","documentNumber":"d","businessDate":"2023-07-02"}
                """.formatted(projectId));
        assertThat(toUnknown.status()).isEqualTo(404);
        assertThat(amount(position(projectId, ""), "CURRENT_YEAR_APPROPRIATION", "fullYear")).isEqualTo("500.00");
    }

    @Test
    void reversalsAndRefundsReduceWhatWasExecuted() {
        String projectId = newProject("1000.00");
        post("/projects/" + projectId + "/expenditures", payment("P1", "400.00"));
        post("/projects/" + projectId + "/expenditures", payment("P2", "300.00"));
        Response refund = post("/projects/" + projectId + "/expenditures/P1/refunds", """
                {"refundReference":"R1","amount":"150.00","businessDate":"2023-07-01","reason":"退款"}""");
        assertThat(refund.status()).isEqualTo(201);
        assertThat(refund.text("bookedOn")).isEqualTo(projectId);
        Response tooMuch = post("/projects/" + projectId + "/expenditures/P1/refunds", """
                {"refundReference":"R2","amount":"250.01","businessDate":"2023-07-01","reason":"退款"}""");
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.text("refundable")).isEqualTo("250.00");
        assertThat(post("/projects/" + projectId + "/expenditures/P2/reversal", """
                {"businessDate":"2023-07-02","reason":"录入错误"}""").status()).isEqualTo(201);
        assertThat(post("/projects/" + projectId + "/expenditures/P9/reversal", """
                {"businessDate":"2023-07-02","reason":"r"}""").status()).isEqualTo(404);
        assertThat(amount(position(projectId, ""), "CURRENT_YEAR_APPROPRIATION", "executed")).isEqualTo("250.00");
    }

    /** The position and refund queries fold the same state as the aggregate: a prior year's refund stays its own. */
    @Test
    void aRefundOfTheYearBeforeDoesNotLowerWhatIsLeftOfThisYearsPaymentOfTheSameReference() {
        String code = "D" + UUID.randomUUID().toString().substring(0, 8);
        String year2022 = newProject(code, 2022, "1000.00");
        assertThat(post("/projects/" + year2022 + "/expenditures", payment("P1", "100.00", "2022-06-30")).status()).isEqualTo(201);
        assertThat(post("/projects/" + year2022 + "/close", "{\"businessDate\":\"2023-01-05\"}").status()).isEqualTo(200);
        String year2023 = newProject(code, 2023, "1000.00");
        assertThat(post("/projects/" + year2023 + "/expenditures", payment("P1", "100.00", "2023-06-30")).status()).isEqualTo(201);
        Response priorYear = post("/projects/" + year2022 + "/expenditures/P1/refunds", """
                {"refundReference":"R1","amount":"30.00","businessDate":"2023-07-01","reason":"退款"}""");
        assertThat(priorYear.text("bookedOn")).isEqualTo(year2023);
        assertThat(post("/projects/" + year2023 + "/close", "{\"businessDate\":\"2024-01-05\"}").status()).isEqualTo(200);
        newProject(code, 2024, "10.00");

        Response whole = post("/projects/" + year2023 + "/expenditures/P1/refunds", """
                {"refundReference":"R2","amount":"100.00","businessDate":"2024-02-01","reason":"退款"}""");
        assertThat(whole.status()).as(whole.raw()).isEqualTo(201);
        Response beyond = post("/projects/" + year2023 + "/expenditures/P1/refunds", """
                {"refundReference":"R3","amount":"0.01","businessDate":"2024-02-02","reason":"退款"}""");
        assertThat(beyond.text("code")).isEqualTo("refund-beyond-payment");
    }

    @Test
    void aClosedYearRefusesPaymentsAndSendsRefundsToTheNextYear() {
        String code = "C" + UUID.randomUUID().toString().substring(0, 8);
        String year2023 = newProject(code, 2023, "1000.00");
        post("/projects/" + year2023 + "/expenditures", payment("P1", "400.00"));
        assertThat(post("/projects/" + year2023 + "/close", "{\"businessDate\":\"2024-01-10\"}").status()).isEqualTo(200);

        Response late = post("/projects/" + year2023 + "/expenditures", payment("P2", "1.00", "2023-12-31"));
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.text("code")).isEqualTo("year-closed");

        String refund = """
                {"refundReference":"R1","amount":"100.00","businessDate":"2024-01-20","reason":"退款"}""";
        Response noNextYear = post("/projects/" + year2023 + "/expenditures/P1/refunds", refund);
        assertThat(noNextYear.status()).isEqualTo(422);
        assertThat(noNextYear.text("code")).isEqualTo("next-year-not-registered");

        String year2024 = newProject(code, 2024, "50.00");
        Response booked = post("/projects/" + year2023 + "/expenditures/P1/refunds", refund);
        assertThat(booked.status()).isEqualTo(201);
        assertThat(booked.text("bookedOn")).isEqualTo(year2024);
        assertThat(position(year2023, "").path("total").path("executed").asString()).isEqualTo("400.00");
        assertThat(position(year2024, "").path("total").path("executed").asString()).isEqualTo("-100.00");
        assertThat(position(year2023, "").path("status").asString()).isEqualTo("CLOSED");
    }

    @Test
    void everyOtherRuleAnswersWithItsOwnCodeAndRecordsNothing() {
        String projectId = newProject("1000.00");
        String other = newProject("5.00");
        post("/projects/" + projectId + "/expenditures", payment("P1", "400.00", "2023-05-01"));
        post("/projects/" + projectId + "/expenditures/P1/reversal", "{\"businessDate\":\"2023-05-02\",\"reason\":\"r\"}");
        int before = storedEvents(projectId);
        record Case(String path, String body, int status, String code) {
        }
        List<Case> cases = List.of(
                new Case("/initial-budgets", "{\"fundSource\":\"CURRENT_YEAR_APPROPRIATION\",\"amount\":\"1.00\",\"documentNumber\":\"d\"}", 409, "initial-budget-already-allocated"),
                new Case("/initial-budgets", "{\"fundSource\":\"OTHER_FUNDS\",\"amount\":\"1.00\",\"documentNumber\":\"d\"}", 422, "initial-budget-frozen"),
                new Case("/expenditures", payment("P2", "1.00").replace("CURRENT_YEAR_APPROPRIATION", "OTHER_FUNDS"), 422, "no-budget"),
                new Case("/adjustments", adjustment("A1", "DECREASE", "1000.01", true), 422, "budget-negative"),
                new Case("/transfers", """
                        {"adjustmentId":"T1","from":"OTHER_FUNDS","to":"OTHER_FUNDS","amount":"1.00","reason":"r","documentNumber":"d","businessDate":"2023-07-01"}""", 422, "transfer-to-same-source"),
                new Case("/expenditures/P1/refunds", """
                        {"refundReference":"R1","amount":"1.00","businessDate":"2023-07-01","reason":"r"}""", 422, "payment-reversed"),
                new Case("/expenditures/P9/refunds", """
                        {"refundReference":"R2","amount":"1.00","businessDate":"2023-07-01","reason":"r"}""", 404, "unknown-payment"),
                new Case("/expenditures", payment("P3", "1.00", "2023-04-30"), 201, null));
        for (Case rule : cases.subList(0, cases.size() - 1)) {
            Response response = post("/projects/" + projectId + rule.path(), rule.body());
            assertThat(response.status()).as(rule.code()).isEqualTo(rule.status());
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.text("code")).isEqualTo(rule.code());
        }
        assertThat(storedEvents(projectId)).isEqualTo(before);

        post("/projects/" + projectId + "/expenditures", payment("P4", "10.00", "2023-06-01"));
        Response early = post("/projects/" + projectId + "/expenditures/P4/reversal", "{\"businessDate\":\"2023-05-31\",\"reason\":\"r\"}");
        assertThat(early.text("code")).isEqualTo("date-before-payment");

        String nextYear = newProject("N" + UUID.randomUUID().toString().substring(0, 8), 2024, "5.00");
        Response acrossYears = post("/transfers", """
                {"adjustmentId":"T9","fromProjectId":"%s","fromFundSource":"CURRENT_YEAR_APPROPRIATION","toProjectId":"%s",
                 "toFundSource":"OTHER_FUNDS","amount":"1.00","reason":"r","documentNumber":"d","businessDate":"2023-07-02"}
                """.formatted(projectId, nextYear));
        assertThat(acrossYears.status()).isEqualTo(422);
        assertThat(acrossYears.text("code")).isEqualTo("transfer-across-years");
        assertThat(storedEvents(nextYear)).isEqualTo(3);
        assertThat(storedEvents(other)).isEqualTo(3);
    }

    @Test
    void paymentsWaitForTheYearToOpen() {
        String code = "W" + UUID.randomUUID().toString().substring(0, 8);
        post("/projects", """
                {"code":"%s","name":"n","department":"d","implementingUnit":"u","fiscalYear":2023}""".formatted(code));
        post("/projects/2023-" + code + "/initial-budgets", """
                {"fundSource":"OTHER_FUNDS","amount":"10.00","documentNumber":"d"}""");
        Response early = post("/projects/2023-" + code + "/expenditures", payment("P1", "1.00").replace("CURRENT_YEAR_APPROPRIATION", "OTHER_FUNDS"));
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.text("code")).isEqualTo("year-not-open");
    }

    @Test
    void thePositionAsOfABusinessDateCountsWhatWasDatedUpToIt() {
        String projectId = newProject("1000.00");
        post("/projects/" + projectId + "/expenditures", payment("Q1", "100.00", "2023-03-30"));
        post("/projects/" + projectId + "/expenditures", payment("Q2", "200.00", "2023-04-02"));
        assertThat(position(projectId, "?asOf=2023-03-31").path("total").path("executed").asString()).isEqualTo("100.00");
        assertThat(position(projectId, "?asOf=2023-04-02").path("total").path("executed").asString()).isEqualTo("300.00");
        assertThat(position(projectId, "").path("total").path("executed").asString()).isEqualTo("300.00");
        assertThat(position(projectId, "?asOf=2023-03-31").path("asOf").asString()).isEqualTo("2023-03-31");
        assertThat(api().get("/projects/" + projectId + "/position?asOf=2023-13-01").status()).isEqualTo(400);
        assertThat(api().get("/projects/2023-NOPE/position").status()).isEqualTo(404);
    }

    @Test
    void listsAndLooksUpProjectYears() {
        String projectId = newProject("1.00");
        Response found = api().get("/projects/" + projectId);
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.text("status")).isEqualTo("OPEN");
        assertThat(found.text("department")).isEqualTo("上海市科学技术委员会");
        List<String> listed = new ArrayList<>();
        api().get("/projects?fiscalYear=2023&limit=500").body().forEach(entry -> listed.add(entry.path("projectId").asString()));
        assertThat(listed).contains(projectId).isSorted();
        assertThat(api().get("/projects?fiscalYear=1999").body()).isEmpty();
        assertThat(api().get("/projects?limit=0").status()).isEqualTo(400);
        assertThat(api().get("/projects?limit=501").status()).isEqualTo(400);
        assertThat(api().get("/projects/2023-NOPE").status()).isEqualTo(404);
    }

    @Test
    void answersEveryItemOfABatchOnItsOwn() {
        String first = newProject("1000.00");
        String second = newProject("50.00");
        String batch = """
                {"payments":[
                  {"projectId":"%1$s","paymentReference":"B1","fundSource":"CURRENT_YEAR_APPROPRIATION","amount":"600.00","businessDate":"2023-05-01","payee":"甲","voucherNumber":"v1"},
                  {"projectId":"%2$s","paymentReference":"B2","fundSource":"CURRENT_YEAR_APPROPRIATION","amount":"50.00","businessDate":"2023-05-01","payee":"乙","voucherNumber":"v2"},
                  {"projectId":"%1$s","paymentReference":"B3","fundSource":"CURRENT_YEAR_APPROPRIATION","amount":"1e3","businessDate":"2023-05-01","payee":"丙","voucherNumber":"v3"},
                  {"projectId":"%1$s","paymentReference":"B4","fundSource":"CURRENT_YEAR_APPROPRIATION","amount":"400.01","businessDate":"2023-05-01","payee":"丁","voucherNumber":"v4"},
                  {"projectId":"2023-NOPE","paymentReference":"B5","fundSource":"CURRENT_YEAR_APPROPRIATION","amount":"1.00","businessDate":"2023-05-01","payee":"戊","voucherNumber":"v5"},
                  {"projectId":"%1$s","paymentReference":"B1","fundSource":"CURRENT_YEAR_APPROPRIATION","amount":"600.00","businessDate":"2023-05-01","payee":"甲","voucherNumber":"v1"},
                  {"projectId":"%1$s","paymentReference":"B6","fundSource":"CURRENT_YEAR_APPROPRIATION","amount":"400.00","businessDate":"2023-05-01","payee":"己","voucherNumber":"v6"},
                  {"projectId":"%1$s","paymentReference":"B7","fundSource":"CURRENT_YEAR_APPROPRIATION","amount":"1.00","businessDate":"2023-05-01","voucherNumber":"v7"}
                ]}""".formatted(first, second);
        Response answer = post("/expenditures/batch", batch);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("accepted").asInt()).isEqualTo(3);
        assertThat(answer.body().path("duplicates").asInt()).isEqualTo(1);
        assertThat(answer.body().path("rejected").asInt()).isEqualTo(4);
        List<String> outcomes = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        answer.body().path("results").forEach(result -> {
            outcomes.add(result.path("outcome").asString());
            codes.add(result.path("code").asString(""));
        });
        assertThat(outcomes).containsExactly("RECORDED", "RECORDED", "REJECTED", "REJECTED", "REJECTED", "DUPLICATE", "RECORDED", "REJECTED");
        assertThat(codes).containsExactly("", "", "invalid-input", "payment-beyond-budget", "unknown-project", "", "", "invalid-input");
        assertThat(storedEvents(first)).isEqualTo(5);
        assertThat(storedEvents(second)).isEqualTo(4);

        Response again = post("/expenditures/batch", batch);
        assertThat(again.body().path("accepted").asInt()).isZero();
        assertThat(again.body().path("duplicates").asInt()).isEqualTo(4);
        assertThat(storedEvents(first)).isEqualTo(5);
    }

    @Test
    void rejectsEmptyAndOversizedBatchesWhole() {
        assertThat(post("/expenditures/batch", "{\"payments\":[]}").status()).isEqualTo(400);
        StringBuilder items = new StringBuilder();
        for (int i = 0; i <= BatchPaymentsController.MAX_BATCH; i++) {
            items.append(i == 0 ? "" : ",").append("""
                    {"projectId":"2023-X","paymentReference":"R%d","fundSource":"OTHER_FUNDS","amount":"1.00","businessDate":"2023-05-01","payee":"p","voucherNumber":"v"}""".formatted(i));
        }
        Response oversized = post("/expenditures/batch", "{\"payments\":[" + items + "]}");
        assertThat(oversized.status()).isEqualTo(400);
        assertThat(oversized.text("field")).isEqualTo("payments");
    }
}
