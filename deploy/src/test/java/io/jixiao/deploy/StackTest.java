package io.jixiao.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
    void stopsTheJitAtC1OnlyInTheProcessesNamed(@TempDir Path var) {
        StackConfig unset = StackConfig.forTest(Path.of("."), var).withEnvironment(Map.of());
        assertThat(StackConfig.DEFAULT_C1_ONLY).isEmpty();
        for (String process : List.of("kafka", "auth-server", "budget-service", "gateway")) {
            assertThat(unset.jitOptions(process)).as(process).isEmpty();
        }
        StackConfig named = unset.withEnvironment(Map.of(StackConfig.C1_ONLY, "kafka, auth-server"));
        assertThat(named.jitOptions("kafka")).containsExactly("-XX:TieredStopAtLevel=1");
        assertThat(named.jitOptions("auth-server")).containsExactly("-XX:TieredStopAtLevel=1");
        assertThat(named.jitOptions("budget-service")).isEmpty();
        // a name is matched whole: "auth" is not the auth-server
        assertThat(unset.withEnvironment(Map.of(StackConfig.C1_ONLY, "auth")).jitOptions("auth-server")).isEmpty();
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
    void instancesAreCountedPerServiceAndOnlyWhereSeveralCanRun() {
        StackConfig config = StackCommand.Arguments.parse("--instances", "budget=2,indicator=2, scoring=3", "--root", "/r").config();
        assertThat(config.instancesOf(Service.BUDGET)).isEqualTo(2);
        assertThat(config.instancesOf(Service.SCORING)).isEqualTo(3);
        assertThat(config.instancesOf(Service.GATEWAY)).isEqualTo(1);
        assertThat(StackCommand.Arguments.parse("--root", "/r").config().instancesOf(Service.BUDGET)).isEqualTo(1);

        assertThatThrownBy(() -> StackCommand.Arguments.parse("--instances", "gateway=2").config())
                .hasMessageContaining("gateway runs once here");
        assertThatThrownBy(() -> StackCommand.Arguments.parse("--instances", "budget=9").config())
                .hasMessageContaining("between 1 and 4 instances, not 9");
        assertThatThrownBy(() -> StackCommand.Arguments.parse("--instances", "budget").config())
                .hasMessageContaining("service=count pairs");
        assertThatThrownBy(() -> StackCommand.Arguments.parse("--instances", "ledger=2").config())
                .hasMessageContaining("unknown service ledger");
    }

    @Test
    void startsTheAuthServerWithAnyServiceUnlessAnExternalIssuerIsNamed() {
        StackConfig config = StackConfig.forTest(Path.of("/r"), Path.of("/v"));
        assertThat(config.services()).isEqualTo(EnumSet.allOf(Service.class));
        assertThat(config.withServices(Set.of(Service.BUDGET)).services()).containsExactly(Service.AUTH_SERVER, Service.BUDGET);
        assertThat(config.withServices(Set.of()).services()).as("PostgreSQL and Kafka alone").isEmpty();
        assertThat(config.withServices(Set.of(Service.AUTH_SERVER)).services()).containsExactly(Service.AUTH_SERVER);

        StackConfig external = config.withEnvironment(Map.of("JIXIAO_ISSUER_URI", "https://idp.example/realms/jixiao"));
        assertThat(external.externalIssuer()).isTrue();
        assertThat(external.services()).doesNotContain(Service.AUTH_SERVER).contains(Service.BUDGET, Service.GATEWAY);
        // ./run --no-auth-server: the issuer is elsewhere, by default where the services look for it
        StackConfig none = StackCommand.Arguments.parse("--no-auth-server", "--root", "/r").config();
        assertThat(none.services()).doesNotContain(Service.AUTH_SERVER).contains(Service.BUDGET);
        assertThat(none.environment().get("JIXIAO_ISSUER_URI")).isNotBlank();
        assertThat(StackConfig.forTest(Path.of("/r"), Path.of("/v")).environment()).as("tests use the embedded auth-server")
                .doesNotContainKeys("JIXIAO_ISSUER_URI", "JIXIAO_TOKEN_URI", "JIXIAO_CLIENT_SECRET");
    }

    @Test
    void givesEveryServiceTheIssuerAndTheCallingServicesTheirOwnClientsSecret(@TempDir Path var) throws Exception {
        Files.writeString(var.resolve("credentials.json"), """
                {"clients":[{"id":"budget-service","secret":"b-secret","roles":["viewer"],"department":"*"},
                            {"id":"indicator-service","secret":"i-secret","roles":["viewer"],"department":"*"},
                            {"id":"seed-loader","secret":"s-secret","roles":["budget-editor"],"department":"*"}],"users":[]}""");
        Identity identity = Identity.embedded(URI.create("http://127.0.0.1:41000"), var, Map.of());
        Map<Service, String> secrets = identity.serviceSecrets(EnumSet.allOf(Service.class));
        assertThat(secrets).containsOnly(Map.entry(Service.BUDGET, "b-secret"), Map.entry(Service.INDICATOR, "i-secret"));

        Map<String, String> budget = Stack.serviceEnvironment(Service.BUDGET, 8081, "k:1", Optional.empty(), Map.of(), identity, secrets, var);
        assertThat(budget).containsEntry("JIXIAO_ISSUER_URI", "http://127.0.0.1:41000")
                .containsEntry("JIXIAO_TOKEN_URI", "http://127.0.0.1:41000/oauth2/token")
                .containsEntry("JIXIAO_CLIENT_ID", "budget-service").containsEntry("JIXIAO_CLIENT_SECRET", "b-secret");
        assertThat(Stack.serviceEnvironment(Service.INDICATOR, 8082, "k:1", Optional.empty(), Map.of(), identity, secrets, var))
                .containsEntry("JIXIAO_CLIENT_ID", "indicator-service").containsEntry("JIXIAO_CLIENT_SECRET", "i-secret");
        // scoring-service and the gateway only check tokens
        for (Service checking : List.of(Service.SCORING, Service.GATEWAY)) {
            assertThat(Stack.serviceEnvironment(checking, 8083, "k:1", Optional.empty(), Map.of(), identity, secrets, var))
                    .containsEntry("JIXIAO_ISSUER_URI", "http://127.0.0.1:41000").doesNotContainKeys("JIXIAO_CLIENT_SECRET", "JIXIAO_CLIENT_ID");
        }
        assertThat(Stack.serviceEnvironment(Service.AUTH_SERVER, 41000, "k:1", Optional.empty(), Map.of(), identity, secrets, var))
                .containsExactlyInAnyOrderEntriesOf(Map.of("SERVER_PORT", "41000",
                        "JIXIAO_AUTH_HOME", var.resolve("auth-server").toString(),
                        "JIXIAO_AUTH_ISSUER", "http://127.0.0.1:41000"));
        assertThat(identity.seedLoader().clientId()).isEqualTo("seed-loader");
        assertThat(identity.toString()).doesNotContain("secret");

        // a variable overrides the file; without either the start stops, saying where it looked
        Identity overridden = Identity.embedded(URI.create("http://127.0.0.1:41000"), var, Map.of("BUDGET_CLIENT_SECRET", "from-env"));
        assertThat(overridden.serviceSecrets(Set.of(Service.BUDGET))).containsEntry(Service.BUDGET, "from-env");
        Files.delete(var.resolve("credentials.json"));
        assertThatThrownBy(() -> identity.serviceSecrets(Set.of(Service.BUDGET))).hasMessageContaining("credentials.json is missing")
                .hasMessageContaining("BUDGET_CLIENT_SECRET");
        assertThat(identity.serviceSecrets(Set.of(Service.SCORING))).as("no calling service, no secret needed").isEmpty();
    }

    @Test
    void anExternalIssuerIsLeftToTheEnvironmentAndTheSecretsComeFromVariables() {
        Map<String, String> env = Map.of("JIXIAO_ISSUER_URI", "https://idp.example/realms/jixiao/",
                "JIXIAO_TOKEN_URI", "https://idp.example/realms/jixiao/protocol/openid-connect/token",
                "INDICATOR_CLIENT_ID", "jixiao-indicator", "INDICATOR_CLIENT_SECRET", "i-secret");
        Identity identity = Identity.external(Path.of("/v"), env);

        assertThat(identity.embedded()).isFalse();
        assertThat(identity.issuer()).hasToString("https://idp.example/realms/jixiao");
        assertThat(identity.tokenUri()).hasToString("https://idp.example/realms/jixiao/protocol/openid-connect/token");
        Map<Service, String> secrets = identity.serviceSecrets(Set.of(Service.INDICATOR));
        Map<String, String> indicator = Stack.serviceEnvironment(Service.INDICATOR, 8082, "k:1", Optional.empty(), Map.of(),
                identity, secrets, Path.of("/v"));
        // the service reads the issuer from the environment it inherits; deploy sets only its own client
        assertThat(indicator).doesNotContainKeys("JIXIAO_ISSUER_URI", "JIXIAO_TOKEN_URI")
                .containsEntry("JIXIAO_CLIENT_ID", "jixiao-indicator").containsEntry("JIXIAO_CLIENT_SECRET", "i-secret");
        assertThatThrownBy(() -> identity.serviceSecrets(Set.of(Service.BUDGET))).hasMessageContaining("set BUDGET_CLIENT_SECRET");
        assertThatThrownBy(identity::seedLoader).hasMessageContaining("set SEED_CLIENT_SECRET");
    }

    @Test
    void tellsWhereTheDemoCredentialsAreAndHowToGetATokenButNeverASecret(@TempDir Path var) throws Exception {
        Files.writeString(var.resolve("credentials.json"), """
                {"clients":[{"id":"finance-system-a","secret":"never-printed","roles":["poster"],"department":"x"}],"users":[]}""");
        Identity identity = Identity.embedded(URI.create("http://127.0.0.1:9000"), var, Map.of());

        String told = StackReport.tokens(identity, null);

        assertThat(told).contains(var.resolve("credentials.json").toString(), "owner-only",
                "curl -u finance-system-a:<secret from credentials.json> -d grant_type=client_credentials http://127.0.0.1:9000/oauth2/token",
                "Authorization: Bearer <access_token>", "The dashboard: http://127.0.0.1:8080/").doesNotContain("never-printed");
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
        // the auth-server comes with any service (unless this environment names an external issuer)
        assertThat(args.config().services()).containsExactlyElementsOf(args.config().externalIssuer()
                ? List.of(Service.BUDGET, Service.SCORING) : List.of(Service.AUTH_SERVER, Service.BUDGET, Service.SCORING));
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
        assertThat(Service.byName("auth")).isEqualTo(Service.AUTH_SERVER);
        assertThat(Service.byName("auth-server")).isEqualTo(Service.AUTH_SERVER);
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
