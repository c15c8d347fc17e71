package io.jixiao.deploy;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackTest {

    @Test
    void givesAServiceItsPortKafkaAndDatabase() {
        DatabaseTarget db = new DatabaseTarget("jdbc:postgresql://127.0.0.1:15432/budget", "postgres", "", false);

        Map<String, String> env = Stack.serviceEnvironment(Service.BUDGET, 8081, "127.0.0.1:19092", Optional.of(db),
                Map.of(Service.SCORING, URI.create("http://127.0.0.1:8083")));

        assertThat(env).containsExactlyInAnyOrderEntriesOf(Map.of(
                "SERVER_PORT", "8081",
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092",
                "BUDGET_DB_URL", "jdbc:postgresql://127.0.0.1:15432/budget",
                "BUDGET_DB_USER", "postgres",
                "BUDGET_DB_PASSWORD", "",
                "SCORING_SERVICE_URL", "http://127.0.0.1:8083"));
    }

    @Test
    void pointsTheGatewayAtTheServicesThatRun() {
        Map<Service, URI> running = Map.of(
                Service.BUDGET, URI.create("http://127.0.0.1:41001"),
                Service.SCORING, URI.create("http://127.0.0.1:41003"));

        Map<String, String> env = Stack.serviceEnvironment(Service.GATEWAY, 8080, "k:1", Optional.empty(), running);

        assertThat(env).containsEntry("BUDGET_SERVICE_URL", "http://127.0.0.1:41001")
                .containsEntry("SCORING_SERVICE_URL", "http://127.0.0.1:41003")
                .doesNotContainKey("INDICATOR_SERVICE_URL")
                .containsEntry("SERVER_PORT", "8080");
    }

    @Test
    void pointsEachServiceAtTheServicesItAsks() {
        Map<Service, URI> running = Map.of(
                Service.BUDGET, URI.create("http://127.0.0.1:41001"),
                Service.SCORING, URI.create("http://127.0.0.1:41003"));

        Map<String, String> env = Stack.serviceEnvironment(Service.INDICATOR, 8082, "k:1", Optional.empty(), running);

        // indicator-service asks budget-service for the registration and scoring-service for the rule set
        assertThat(env).containsEntry("BUDGET_SERVICE_URL", "http://127.0.0.1:41001")
                .containsEntry("SCORING_SERVICE_URL", "http://127.0.0.1:41003").doesNotContainKey("INDICATOR_SERVICE_URL");
        assertThat(Stack.serviceEnvironment(Service.SCORING, 8083, "k:1", Optional.empty(), running))
                .doesNotContainKey("BUDGET_SERVICE_URL");
        assertThat(Stack.serviceEnvironment(Service.BUDGET, 8081, "k:1", Optional.empty(), running))
                .containsEntry("SCORING_SERVICE_URL", "http://127.0.0.1:41003").doesNotContainKey("BUDGET_SERVICE_URL");
    }

    @Test
    void showsDurationsInSecondsWithOneDecimal() {
        assertThat(Stack.seconds(java.time.Duration.ofMillis(41_749))).isEqualTo("41.7");
        assertThat(Stack.seconds(java.time.Duration.ofMillis(950))).isEqualTo("1.0");
        assertThat(Stack.seconds(null)).isEqualTo("0.0");
    }

    @Test
    void parsesTheCommandLine() {
        StackCommand.Arguments args = StackCommand.Arguments.parse("--services", "budget,scoring-service", "--root", "/r", "--var", "/v");

        assertThat(args.command()).isEqualTo("start");
        assertThat(args.config().services()).containsExactly(Service.BUDGET, Service.SCORING);
        assertThat(args.config().varDir()).isEqualTo(Path.of("/v"));
        assertThat(args.config().root()).isEqualTo(Path.of("/r"));
        assertThat(StackCommand.Arguments.parse("stop", "--root", "/r").config().varDir()).isEqualTo(Path.of("/r", "var"));
        assertThat(StackCommand.Arguments.parse("--services", "").config().services()).isEmpty();
        assertThat(StackCommand.Arguments.parse().config().services()).isEqualTo(EnumSet.allOf(Service.class));
    }

    @Test
    void loadsTheSeedFormsOnAFreshStartUnlessToldNotTo() {
        assertThat(StackCommand.Arguments.parse().config().seed()).isTrue();
        assertThat(StackCommand.Arguments.parse("--no-seed", "--root", "/r").config().seed()).isFalse();
        assertThat(StackConfig.forTest(Path.of("/r"), Path.of("/v")).seed()).as("tests see only their own projects").isFalse();
        assertThat(Stack.class.getResource(Stack.SEED_RESOURCE)).as("bundled on the class path, from the seed module").isNotNull();
    }

    @Test
    void rejectsUnknownArgumentsAndServices() {
        assertThatThrownBy(() -> StackCommand.Arguments.parse("--nope")).hasMessageContaining("unknown argument --nope");
        assertThatThrownBy(() -> StackCommand.Arguments.parse("--services", "billing")).hasMessageContaining("unknown service billing");
        assertThatThrownBy(() -> StackCommand.Arguments.parse("--var")).hasMessageContaining("needs a value");
    }

    @Test
    void identifiesAProcessByPidAndStartTime() {
        PidFiles.ProcessId me = PidFiles.ProcessId.of("me", ProcessHandle.current());

        assertThat(PidFiles.ProcessId.parse(me.line())).isEqualTo(me);
        assertThat(me.live()).contains(ProcessHandle.current());
        // the same pid with another start time is some other process now: never touched
        assertThat(new PidFiles.ProcessId("me", me.pid(), me.startMillis() - 1000).live()).isEmpty();
    }
}
