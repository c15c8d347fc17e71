package io.jixiao.budget.projectyear.web;

import io.jixiao.platform.security.EndpointRules;
import io.jixiao.platform.security.EndpointRules.Row;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import java.util.List;

import static io.jixiao.contracts.access.Role.ADMIN;
import static io.jixiao.contracts.access.Role.AUDITOR;
import static io.jixiao.contracts.access.Role.BUDGET_EDITOR;
import static io.jixiao.contracts.access.Role.INDICATOR_EDITOR;
import static io.jixiao.contracts.access.Role.POSTER;
import static io.jixiao.contracts.access.Role.REVIEWER;
import static io.jixiao.contracts.access.Role.VIEWER;

/**
 * budget-service's role table: every endpoint, and the roles that may call it, written out here as the
 * specification. The walk fails on an endpoint the table does not name or that has no rule; each row is called
 * with a real token of each role alone. The project-year named does not exist, so an allowed call is answered
 * 404 or 400 and nothing is recorded.
 */
class EndpointRulesTest extends BudgetApiTestBase {

    private static final String P = "/projects/2023-NOBODY";

    static final List<Row> TABLE = List.of(
            Row.of("POST", "/projects", "/projects", "{}", BUDGET_EDITOR),
            Row.of("POST", "/projects/{projectId}/initial-budgets", P + "/initial-budgets", "{}", BUDGET_EDITOR),
            Row.of("POST", "/projects/{projectId}/open", P + "/open", null, BUDGET_EDITOR),
            Row.of("POST", "/projects/{projectId}/close", P + "/close", "{}", BUDGET_EDITOR),
            Row.of("POST", "/projects/{projectId}/adjustments", P + "/adjustments", "{}", BUDGET_EDITOR),
            Row.of("POST", "/projects/{projectId}/transfers", P + "/transfers", "{}", BUDGET_EDITOR),
            Row.of("POST", "/transfers", "/transfers", "{}", BUDGET_EDITOR),
            Row.of("POST", "/projects/{projectId}/expenditures", P + "/expenditures", "{}", POSTER),
            Row.of("POST", "/projects/{projectId}/expenditures/{paymentReference}/reversal", P + "/expenditures/R1/reversal", "{}", POSTER),
            Row.of("POST", "/projects/{projectId}/expenditures/{paymentReference}/refunds", P + "/expenditures/R1/refunds", "{}", POSTER),
            Row.of("POST", "/expenditures/batch", "/expenditures/batch", "{}", POSTER),
            Row.of("GET", "/projects", "/projects", null, VIEWER, AUDITOR, BUDGET_EDITOR, POSTER, INDICATOR_EDITOR, REVIEWER),
            Row.of("GET", "/projects/{projectId}", P, null, VIEWER, AUDITOR, BUDGET_EDITOR, POSTER, INDICATOR_EDITOR, REVIEWER),
            Row.of("GET", "/projects/{projectId}/position", P + "/position", null, VIEWER, AUDITOR, BUDGET_EDITOR, POSTER, INDICATOR_EDITOR, REVIEWER),
            Row.of("GET", "/audit-log", "/audit-log", null, AUDITOR),
            Row.of("GET", "/integrity/verification", "/integrity/verification", null, AUDITOR),
            Row.of("POST", "/integrity/checkpoints", "/integrity/checkpoints", null, AUDITOR, ADMIN));

    @Autowired
    ApplicationContext context;

    @Test
    void everyEndpointHasARuleAndTheTableNamesThemAll() {
        EndpointRules.assertCoversEveryEndpoint(context, TABLE);
    }

    @Test
    void eachRoleMayCallWhatTheTableSaysAndNothingElse() {
        EndpointRules.assertRoles("http://127.0.0.1:" + port, TABLE);
    }
}
