package io.jixiao.deploy;

import io.jixiao.contracts.access.ClientCredentials;
import io.jixiao.importer.FormImport;
import io.jixiao.importer.Report;
import io.jixiao.seed.Seed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./run} supervises: on a stack of its own, started as {@code ./run} starts one and supervised as it does,
 * scoring-service, Kafka and PostgreSQL's postmaster are each killed with SIGKILL; each is restarted, and a form
 * imported afterwards goes all the way through (budget-service, the relay, Kafka, scoring-service). The recovery
 * times go to {@code target/supervision-report.txt}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SupervisionEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final Duration RECOVERY = Duration.ofMinutes(3);
    private static final Supervisor.Policy POLICY = new Supervisor.Policy(5, Duration.ofMinutes(1), Duration.ofMillis(200),
            Duration.ofSeconds(2));

    private static Path var;
    private static Stack stack;
    private static final ByteArrayOutputStream TOLD = new ByteArrayOutputStream();
    private static final List<String> REPORT = new ArrayList<>();
    private static int imported;

    @BeforeAll
    static void start() throws Exception {
        Path root = EndToEndTest.repositoryRoot();
        org.assertj.core.api.Assumptions.assumeThat(Service.values()).allMatch(s -> s.findJar(root).isPresent() || System.getenv("CI") != null);
        var = Files.createTempDirectory("jixiao-supervision-");
        stack = Stack.start(StackConfig.forTest(root, var));
        stack.supervise(new PrintStream(TOLD, true, StandardCharsets.UTF_8), POLICY);
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            Map<String, ProcessHandle> processes = stack.processes();
            String status = Supervisor.status(var);
            stack.close();
            Files.writeString(Path.of("target", "supervision-report.txt"), String.join("\n", REPORT) + "\n\n"
                    + TOLD.toString(StandardCharsets.UTF_8) + "\n" + status);
            // Ctrl-C and ./run stop still stop everything: no process of the stack outlives it, restarted ones included
            assertThat(processes).allSatisfy((name, process) -> assertThat(process.isAlive()).as(name + " " + process.pid()).isFalse());
        }
        if (var != null) {
            SharedStack.deleteTree(var);
        }
    }

    @Test
    @Order(1)
    void aKilledServiceIsRestartedAndServesAgain() throws Exception {
        kill("scoring-service");
        awaitHealthy(Service.SCORING);
        importOneAndSeeItsForm();
    }

    @Test
    @Order(2)
    void aKilledBrokerIsRestartedAndEventsFlowAgain() throws Exception {
        kill("kafka");
        importOneAndSeeItsForm();
    }

    @Test
    @Order(3)
    void aKilledPostmasterIsRestartedAndEveryServiceRecovers() throws Exception {
        kill("postgres");
        for (Service service : List.of(Service.BUDGET, Service.INDICATOR, Service.SCORING)) {
            awaitHealthy(service);
        }
        importOneAndSeeItsForm();
        String status = Supervisor.status(var);
        for (String process : List.of("scoring-service", "kafka", "postgres")) {
            assertThat(stack.supervisor().orElseThrow().restarts(process)).as(process).isEqualTo(1);
            assertThat(status).containsPattern(process + "\\s+RUNNING\\s+\\d+\\s+\\S+\\s+1\\s");
        }
        assertThat(status).containsPattern("budget-service\\s+RUNNING\\s+\\d+\\s+\\S+\\s+0\\s+-");
    }

    /** SIGKILL, then the time until the supervisor has a new process running. */
    private static void kill(String name) {
        Supervisor supervisor = stack.supervisor().orElseThrow();
        ProcessHandle before = supervisor.current().get(name);
        assertThat(before).as(name).isNotNull();
        long t0 = System.nanoTime();
        before.destroyForcibly();
        await(name + " restarted").atMost(RECOVERY).until(() -> {
            ProcessHandle now = supervisor.current().get(name);
            return now != null && now.pid() != before.pid() && now.isAlive();
        });
        REPORT.add(String.format("%s: SIGKILL of pid %d, a new process %d after %d ms", name, before.pid(),
                supervisor.current().get(name).pid(), (System.nanoTime() - t0) / 1_000_000));
    }

    private static void awaitHealthy(Service service) {
        long t0 = System.nanoTime();
        HttpRequest health = HttpRequest.newBuilder(stack.url(service).resolve("/actuator/health")).timeout(Duration.ofSeconds(3)).build();
        await(service.module() + " healthy").atMost(RECOVERY).ignoreExceptions().pollInterval(Duration.ofMillis(500))
                .until(() -> HTTP.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        REPORT.add(String.format("  %s healthy %d ms later", service.module(), (System.nanoTime() - t0) / 1_000_000));
    }

    /** One seed form, under a code of its own, imported through the gateway and computed by scoring-service. */
    private static void importOneAndSeeItsForm() throws Exception {
        long t0 = System.nanoTime();
        ObjectNode file = (ObjectNode) JSON.readTree(Seed.forms2023());
        ObjectNode project = (ObjectNode) file.get("projects").get(imported % 7);
        project.put("code", "SUP" + ++imported);
        ArrayNode one = JSON.createArrayNode().add(project);
        file.set("projects", one);
        ClientCredentials loader = stack.client("seed-loader");
        // the gateway may still answer 503 for a moment while a back-end reconnects: the importer's report says so
        Report report = await("the import").atMost(RECOVERY).pollInterval(Duration.ofSeconds(1))
                .until(() -> FormImport.run(stack.gatewayUrl(), loader::token, file.toString(), r -> { }),
                        r -> r.results().get(0).ok());
        String id = report.results().get(0).projectId();
        await("its form").atMost(RECOVERY).ignoreExceptions().pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> form = HTTP.send(HttpRequest.newBuilder(stack.gatewayUrl().resolve("/api/scoring/projects/" + id + "/form"))
                    .header("Authorization", loader.authorization()).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode body = JSON.readTree(form.body());
            return form.statusCode() == 200 && body.at("/funds/total/executed").asString()
                    .equals(project.at("/funds/total/executed").asString());
        });
        REPORT.add(String.format("  a form imported and computed %d ms later (%s)", (System.nanoTime() - t0) / 1_000_000, id));
    }
}
