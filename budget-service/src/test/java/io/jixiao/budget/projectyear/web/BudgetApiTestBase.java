package io.jixiao.budget.projectyear.web;

import io.jixiao.testing.ApiClient;
import io.jixiao.testing.ApiClient.Response;
import io.jixiao.testing.StubHttpServer;
import io.jixiao.testing.TestIssuer;
import io.jixiao.testing.TestPostgres;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** budget-service over HTTP against a real PostgreSQL event store and a real Kafka broker; one context for all. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
@EmbeddedKafka(partitions = 1)
abstract class BudgetApiTestBase {

    /** scoring-service's rule-set lookup, as a real HTTP server that knows the two built-in rule sets. */
    static final StubHttpServer SCORING = StubHttpServer.start("/rule-sets/", (method, path) -> {
        String id = path.substring("/rule-sets/".length());
        return new StubHttpServer.Answer(Set.of("shanghai-2023", "putuo-2022").contains(id) ? 200 : 404, "{\"id\":\"" + id + "\"}");
    });

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, "budget_api_test");
        TestIssuer.register(registry);
        registry.add("jixiao.scoring-service.url", SCORING::url);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    /**
     * This context's own broker, where its relay publishes. Not {@code spring.embedded.kafka.brokers}: that system
     * property names the broker of whichever test context started last (RelayBacklogMetricsTest and
     * BackPressureApiTest start their own), not necessarily this one's.
     */
    @Autowired
    org.springframework.kafka.test.EmbeddedKafkaBroker embeddedKafka;

    String brokers() {
        return embeddedKafka.getBrokersAsString();
    }

    /** A caller with every budget role over every department: the tests of the rules themselves. */
    static final String EVERY_BUDGET_ROLE = TestIssuer.instance().token("budget-tests", "*", "budget-editor", "poster", "viewer");

    ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port, EVERY_BUDGET_ROLE);
    }

    Response post(String path, String json) {
        return api().post(path, json);
    }

    int storedEvents(String projectId) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?", Integer.class, projectId);
    }

    /** A registered project-year with an opened year and this initial 当年财政拨款. */
    String newProject(String budget) {
        return newProject("P" + UUID.randomUUID().toString().substring(0, 8), 2023, budget);
    }

    String newProject(String code, int year, String budget) {
        Response registered = post("/projects", """
                {"code":"%s","name":"科普场馆运行保障经费","department":"上海市科学技术委员会","implementingUnit":"上海科技馆","fiscalYear":%d}
                """.formatted(code, year));
        assertThat(registered.status()).isEqualTo(201);
        String projectId = registered.text("projectId");
        assertThat(projectId).isEqualTo(year + "-" + code);
        Response allocated = post("/projects/" + projectId + "/initial-budgets", """
                {"fundSource":"CURRENT_YEAR_APPROPRIATION","amount":"%s","documentNumber":"沪财预〔%d〕1号"}
                """.formatted(budget, year));
        assertThat(allocated.status()).isEqualTo(201);
        assertThat(post("/projects/" + projectId + "/open", "").status()).isEqualTo(200);
        return projectId;
    }

    static String payment(String reference, String amount) {
        return payment(reference, amount, "2023-06-30");
    }

    static String payment(String reference, String amount, String date) {
        return """
                {"paymentReference":"%s","fundSource":"CURRENT_YEAR_APPROPRIATION","amount":"%s","businessDate":"%s","payee":"某公司","voucherNumber":"记-0001"}
                """.formatted(reference, amount, date);
    }
}
