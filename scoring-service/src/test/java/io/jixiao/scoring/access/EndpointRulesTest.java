package io.jixiao.scoring.access;

import io.jixiao.platform.security.EndpointRules;
import io.jixiao.platform.security.EndpointRules.Row;
import io.jixiao.testing.TestIssuer;
import io.jixiao.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;

import static io.jixiao.contracts.access.Role.ADMIN;
import static io.jixiao.contracts.access.Role.AUDITOR;
import static io.jixiao.contracts.access.Role.BUDGET_EDITOR;
import static io.jixiao.contracts.access.Role.INDICATOR_EDITOR;
import static io.jixiao.contracts.access.Role.POSTER;
import static io.jixiao.contracts.access.Role.REVIEWER;
import static io.jixiao.contracts.access.Role.VIEWER;

/**
 * scoring-service's role table: every endpoint and the roles that may call it, written out as the specification,
 * checked over real HTTP with a real token of each role alone. The project-year named is unknown, so an allowed
 * read is answered 404; the rule set named does not exist, so an allowed write is answered 400.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}", "logging.level.kafka=WARN", "logging.level.org.apache.kafka=WARN",
        // the streams this test opened are left open by the server until their next write: do not wait for them at exit
        "spring.lifecycle.timeout-per-shutdown-phase=2s"})
@EmbeddedKafka(partitions = 1)
class EndpointRulesTest {

    private static final String P = "/projects/2023-NOBODY";
    private static final io.jixiao.contracts.access.Role[] READERS = ProjectYearScope.READERS;

    static final List<Row> TABLE = List.of(
            Row.of("GET", "/projects/{projectId}/form", P + "/form", null, READERS),
            Row.of("GET", "/projects/{projectId}/form.html", P + "/form.html", null, READERS),
            Row.of("GET", "/projects/{projectId}/form/explain", P + "/form/explain", null, READERS),
            Row.of("GET", "/projects/{projectId}/form/stream", P + "/form/stream", null, READERS),
            Row.of("GET", "/forms/stream", "/forms/stream", null, READERS),
            Row.of("GET", "/forms", "/forms", null, READERS),
            Row.of("GET", "/forms/summary", "/forms/summary", null, READERS),
            Row.of("GET", "/projects", "/projects", null, READERS),
            Row.of("GET", "/projects/{projectId}/execution", P + "/execution", null, READERS),
            Row.of("GET", "/projects/{projectId}/indicators", P + "/indicators", null, READERS),
            Row.of("GET", "/projects/{projectId}/published", P + "/published", null, READERS),
            Row.of("PUT", "/projects/{projectId}/published", P + "/published", "{\"figures\":{\"total\":\"x\"}}", INDICATOR_EDITOR, BUDGET_EDITOR),
            Row.of("GET", "/rule-sets", "/rule-sets", null, VIEWER, AUDITOR, ADMIN, BUDGET_EDITOR, POSTER, INDICATOR_EDITOR, REVIEWER),
            Row.of("GET", "/rule-sets/{id}", "/rule-sets/none", null, VIEWER, AUDITOR, ADMIN, BUDGET_EDITOR, POSTER, INDICATOR_EDITOR, REVIEWER),
            Row.of("PUT", "/rule-sets/{id}", "/rule-sets/none", "{\"rounding\":\"SIDEWAYS\"}", ADMIN),
            Row.of("POST", "/admin/projection/rebuild", "/admin/projection/rebuild", null, ADMIN),
            Row.of("GET", "/admin/projection/rebuild", "/admin/projection/rebuild", null, ADMIN, AUDITOR),
            Row.of("GET", "/monitoring", "/monitoring", null, READERS),
            Row.of("GET", "/monitoring/departments", "/monitoring/departments", null, READERS),
            Row.of("GET", "/projects/{projectId}/execution/history", P + "/execution/history", null, READERS),
            Row.of("POST", "/snapshots", "/snapshots", "{\"quarter\":\"2023-Q5\"}", AUDITOR, ADMIN),
            Row.of("GET", "/snapshots", "/snapshots", null, AUDITOR, ADMIN),
            Row.of("GET", "/snapshots/{id}", "/snapshots/none", null, AUDITOR, ADMIN),
            Row.of("GET", "/snapshots/{id}/content", "/snapshots/none/content", null, AUDITOR, ADMIN),
            Row.of("GET", "/snapshots/{id}/diff/{otherId}", "/snapshots/none/diff/other", null, AUDITOR, ADMIN),
            Row.of("GET", "/snapshots/{id}/export.xlsx", "/snapshots/none/export.xlsx", null, AUDITOR, ADMIN),
            Row.of("GET", "/snapshots/{id}/export.pdf", "/snapshots/none/export.pdf", null, AUDITOR, ADMIN),
            Row.of("GET", "/snapshots/{id}/yitihua.csv", "/snapshots/none/yitihua.csv", null, AUDITOR, ADMIN),
            Row.of("GET", "/snapshots/{id}/yitihua.json", "/snapshots/none/yitihua.json", null, AUDITOR, ADMIN),
            Row.of("GET", "/snapshots/{id}/exports", "/snapshots/none/exports", null, AUDITOR, ADMIN),
            Row.of("GET", "/audit-log", "/audit-log", null, AUDITOR));

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, "scoring_endpoint_rules");
        TestIssuer.register(registry);
    }

    @Autowired
    ApplicationContext context;
    @LocalServerPort
    int port;

    @Test
    void everyEndpointHasARuleAndTheTableNamesThemAll() {
        EndpointRules.assertCoversEveryEndpoint(context, TABLE);
    }

    @Test
    void eachRoleMayCallWhatTheTableSaysAndNothingElse() {
        EndpointRules.assertRoles("http://127.0.0.1:" + port, TABLE);
    }
}
