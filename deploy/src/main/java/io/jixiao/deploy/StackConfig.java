package io.jixiao.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
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
 * @param instances           how many instances of budget-, indicator- and scoring-service to run (1 when missing):
 *                            the gateway spreads requests over them; at most {@link #MAX_INSTANCES} each
 */
public record StackConfig(Path root, Path varDir, int postgresPort, int kafkaPort, int kafkaControllerPort,
                          Map<Service, Integer> servicePorts, Set<Service> services, Map<String, String> environment,
                          List<String> serviceJvmOptions, List<String> kafkaJvmOptions, Duration healthTimeout,
                          boolean seed, Map<Service, Integer> instances) {

    /** Two cores and 2.5 GB hold two of each; more is for a bigger machine. */
    public static final int MAX_INSTANCES = 4;

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
     * In {@link #environment()}: the processes whose JIT stops at C1 ({@code -XX:TieredStopAtLevel=1}), by module name
     * or {@code kafka}, separated by commas; {@link #DEFAULT_C1_ONLY} when unset, {@code ""} for none. C1 compiles
     * a process's hot code at once and never again, at a lower peak than C2: on two cores the C2 compilations of
     * every JVM at once are what a fresh stack's first minutes spend their CPU on (bench/README.md, "The JIT per
     * process").
     */
    public static final String C1_ONLY = "JIXIAO_C1_ONLY";

    /**
     * None: measured once, C1 for the broker saved its first run 0.35 to 0.8 ms of CPU per payment and cost every
     * later run 0.15 to 0.2 ms, and the first run's share of the steady rate stayed within the day's noise.
     */
    public static final String DEFAULT_C1_ONLY = "";

    /**
     * In {@link #environment()}: the port Kafka tells clients to connect to, when not its own (the fault suite puts a
     * TCP proxy there, in front of {@link #kafkaPort()}).
     */
    public static final String KAFKA_ADVERTISED_PORT = "JIXIAO_KAFKA_ADVERTISED_PORT";

    public StackConfig {
        servicePorts = Map.copyOf(servicePorts);
        instances.forEach((service, count) -> {
            if (!EnumSet.of(Service.BUDGET, Service.INDICATOR, Service.SCORING).contains(service)) {
                throw new IllegalArgumentException(service.module() + " runs once here (one port for clients, one issuer); "
                        + "more instances of budget-, indicator- and scoring-service only");
            }
            if (count < 1 || count > MAX_INSTANCES) {
                throw new IllegalArgumentException(service.module() + ": between 1 and " + MAX_INSTANCES
                        + " instances, not " + count);
            }
        });
        instances = Map.copyOf(instances);
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
                System.getenv(), SERVICE_JVM_OPTIONS, KAFKA_JVM_OPTIONS, Duration.ofSeconds(120), true, Map.of());
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
                SERVICE_JVM_OPTIONS, KAFKA_JVM_OPTIONS, Duration.ofSeconds(120), false, Map.of());
    }

    /** The JIT flags of one process ({@code kafka} or a service's module name), from {@link #C1_ONLY}. */
    public List<String> jitOptions(String process) {
        String named = environment.getOrDefault(C1_ONLY, DEFAULT_C1_ONLY);
        boolean c1 = Arrays.stream(named.split(",")).map(String::trim).anyMatch(process::equals);
        return c1 ? List.of("-XX:TieredStopAtLevel=1") : List.of();
    }

    /** True when {@code JIXIAO_ISSUER_URI} names an issuer: then no auth-server is started (see {@link Identity}). */
    public boolean externalIssuer() {
        return Identity.external(environment);
    }

    public StackConfig withServices(Set<Service> selected) {
        return new StackConfig(root, varDir, postgresPort, kafkaPort, kafkaControllerPort, servicePorts, selected,
                environment, serviceJvmOptions, kafkaJvmOptions, healthTimeout, seed, instances);
    }

    public StackConfig withVarDir(Path dir) {
        return new StackConfig(root, dir, postgresPort, kafkaPort, kafkaControllerPort, servicePorts, services,
                environment, serviceJvmOptions, kafkaJvmOptions, healthTimeout, seed, instances);
    }

    public StackConfig withEnvironment(Map<String, String> env) {
        return new StackConfig(root, varDir, postgresPort, kafkaPort, kafkaControllerPort, servicePorts, services,
                env, serviceJvmOptions, kafkaJvmOptions, healthTimeout, seed, instances);
    }

    public StackConfig withKafkaPort(int port) {
        return new StackConfig(root, varDir, postgresPort, port, kafkaControllerPort, servicePorts, services,
                environment, serviceJvmOptions, kafkaJvmOptions, healthTimeout, seed, instances);
    }

    public StackConfig withPostgresPort(int port) {
        return new StackConfig(root, varDir, port, kafkaPort, kafkaControllerPort, servicePorts, services,
                environment, serviceJvmOptions, kafkaJvmOptions, healthTimeout, seed, instances);
    }

    /** {@code budget=2,scoring=2} ({@code ./run --instances}): how many instances of each named service. */
    public static Map<Service, Integer> parseInstances(String value) {
        Map<Service, Integer> counts = new EnumMap<>(Service.class);
        for (String part : value.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] nameAndCount = part.split("=", 2);
            if (nameAndCount.length != 2 || !nameAndCount[1].trim().matches("[0-9]{1,2}")) {
                throw new IllegalArgumentException("--instances takes service=count pairs, e.g. budget=2,scoring=2; not " + part);
            }
            counts.put(Service.byName(nameAndCount[0]), Integer.parseInt(nameAndCount[1].trim()));
        }
        return counts;
    }

    /** How many instances of each service ({@code ./run --instances budget=2,scoring=2}). */
    public int instancesOf(Service service) {
        return instances.getOrDefault(service, 1);
    }

    public StackConfig withInstances(Map<Service, Integer> counts) {
        return new StackConfig(root, varDir, postgresPort, kafkaPort, kafkaControllerPort, servicePorts, services,
                environment, serviceJvmOptions, kafkaJvmOptions, healthTimeout, seed, counts);
    }

    public StackConfig withSeed(boolean load) {
        return new StackConfig(root, varDir, postgresPort, kafkaPort, kafkaControllerPort, servicePorts, services,
                environment, serviceJvmOptions, kafkaJvmOptions, healthTimeout, load, instances);
    }
}
