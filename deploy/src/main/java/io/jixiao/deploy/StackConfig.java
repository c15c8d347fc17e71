package io.jixiao.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link Stack} starts and where.
 *
 * @param root                the repository root, where the service jars are built
 * @param varDir              data and logs: {@code postgres/}, {@code kafka/}, {@code log/}
 * @param postgresPort        0 picks a free port
 * @param kafkaPort           the PLAINTEXT listener; 0 picks a free port
 * @param kafkaControllerPort the KRaft controller listener; 0 picks a free port
 * @param servicePorts        per service; missing or 0 picks a free port
 * @param services            which services to start (PostgreSQL and Kafka always start, unless every selected
 *                            service has an external database). The auth-server is added whenever any is selected,
 *                            and removed when {@code JIXIAO_ISSUER_URI} names an external issuer (see
 *                            {@link #externalIssuer()})
 * @param environment         the environment the external-database variables are read from, and children inherit
 * @param serviceJvmOptions   heap and GC flags for each service
 * @param kafkaJvmOptions     heap and GC flags for the broker
 * @param healthTimeout       how long each service may take to report UP
 * @param seed                load the bundled 2023 seed forms through the gateway once everything is up, when the
 *                            budget database holds no project-year yet (a fresh start); {@code ./run --no-seed} and
 *                            {@link #forTest} leave it off
 */
public record StackConfig(Path root, Path varDir, int postgresPort, int kafkaPort, int kafkaControllerPort,
                          Map<Service, Integer> servicePorts, Set<Service> services, Map<String, String> environment,
                          List<String> serviceJvmOptions, List<String> kafkaJvmOptions, Duration healthTimeout,
                          boolean seed) {

    /**
     * Lean enough for four services, a broker and PostgreSQL in about 2.5 GB on two cores: a small heap and
     * metaspace, the serial collector (no parallel GC threads), smaller thread stacks, and an exit rather than a
     * limp on heap exhaustion, so that the failure is visible.
     */
    public static final List<String> SERVICE_JVM_OPTIONS = List.of(
            "-Xms64m", "-Xmx256m", "-XX:MaxMetaspaceSize=160m", "-XX:ReservedCodeCacheSize=64m", "-Xss512k",
            "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");

    public static final List<String> KAFKA_JVM_OPTIONS = List.of(
            "-Xms64m", "-Xmx384m", "-Xss512k", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");

    /**
     * In {@link #environment()}: the port Kafka tells clients to connect to, when not its own (the fault suite puts a
     * TCP proxy there, in front of {@link #kafkaPort()}).
     */
    public static final String KAFKA_ADVERTISED_PORT = "JIXIAO_KAFKA_ADVERTISED_PORT";

    public StackConfig {
        servicePorts = Map.copyOf(servicePorts);
        EnumSet<Service> selected = services.isEmpty() ? EnumSet.noneOf(Service.class) : EnumSet.copyOf(services);
        // every service checks tokens, and two of them ask for their own: no service runs without an issuer
        if (Identity.external(environment)) {
            selected.remove(Service.AUTH_SERVER);
        } else if (!selected.isEmpty()) {
            selected.add(Service.AUTH_SERVER);
        }
        services = selected;
        environment = Map.copyOf(environment);
        serviceJvmOptions = List.copyOf(serviceJvmOptions);
        kafkaJvmOptions = List.copyOf(kafkaJvmOptions);
    }

    /** The fixed ports a person expects: gateway 8080, services 8081-8083, PostgreSQL 15432, Kafka 19092. */
    public static StackConfig defaults(Path root) {
        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        for (Service s : Service.values()) {
            ports.put(s, s.defaultPort());
        }
        return new StackConfig(root, root.resolve("var"), 15432, 19092, 19093, ports, EnumSet.allOf(Service.class),
                System.getenv(), SERVICE_JVM_OPTIONS, KAFKA_JVM_OPTIONS, Duration.ofSeconds(120), true);
    }

    /**
     * Free ports everywhere, data in {@code varDir}, an environment without external databases or an external
     * issuer (the embedded auth-server issues every token), and no seed data.
     */
    public static StackConfig forTest(Path root, Path varDir) {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.matches("(BUDGET|INDICATOR|SCORING)_DB_.*")
                || k.matches("JIXIAO_(ISSUER_URI|TOKEN_URI|AUDIENCE|CLIENT_.*|AUTH_.*)")
                || k.matches("(BUDGET|INDICATOR|SEED)_CLIENT_.*"));
        // the gateway's port is known before the auth-server starts, which sends logged-in people back there
        return new StackConfig(root, varDir, 0, 0, 0, Map.of(Service.GATEWAY, Processes.freePort()), EnumSet.allOf(Service.class), env,
                SERVICE_JVM_OPTIONS, KAFKA_JVM_OPTIONS, Duration.ofSeconds(120), false);
    }

    /** True when {@code JIXIAO_ISSUER_URI} names an issuer: then no auth-server is started (see {@link Identity}). */
    public boolean externalIssuer() {
        return Identity.external(environment);
    }

    public StackConfig withServices(Set<Service> selected) {
        return new StackConfig(root, varDir, postgresPort, kafkaPort, kafkaControllerPort, servicePorts, selected,
                environment, serviceJvmOptions, kafkaJvmOptions, healthTimeout, seed);
    }

    public StackConfig withVarDir(Path dir) {
        return new StackConfig(root, dir, postgresPort, kafkaPort, kafkaControllerPort, servicePorts, services,
                environment, serviceJvmOptions, kafkaJvmOptions, healthTimeout, seed);
    }

    public StackConfig withEnvironment(Map<String, String> env) {
        return new StackConfig(root, varDir, postgresPort, kafkaPort, kafkaControllerPort, servicePorts, services,
                env, serviceJvmOptions, kafkaJvmOptions, healthTimeout, seed);
    }

    public StackConfig withKafkaPort(int port) {
        return new StackConfig(root, varDir, postgresPort, port, kafkaControllerPort, servicePorts, services,
                environment, serviceJvmOptions, kafkaJvmOptions, healthTimeout, seed);
    }

    public StackConfig withPostgresPort(int port) {
        return new StackConfig(root, varDir, port, kafkaPort, kafkaControllerPort, servicePorts, services,
                environment, serviceJvmOptions, kafkaJvmOptions, healthTimeout, seed);
    }

    public StackConfig withSeed(boolean load) {
        return new StackConfig(root, varDir, postgresPort, kafkaPort, kafkaControllerPort, servicePorts, services,
                environment, serviceJvmOptions, kafkaJvmOptions, healthTimeout, load);
    }
}
