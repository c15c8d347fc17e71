package io.jixiao.deploy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the whole system on one machine: an embedded PostgreSQL (data kept in {@code <var>/postgres}, durable
 * commits), a single-node KRaft Kafka as its own JVM (data in {@code <var>/kafka}), and the four services as
 * child JVMs, each waited for until {@code /actuator/health} says UP. {@link #close()}, Ctrl-C (a shutdown hook)
 * and {@code Stack stop} stop exactly the processes started here.
 *
 * <p>On a fresh start (no project-year registered yet) it loads the bundled 2023 seed forms through the gateway as
 * demo data, unless {@link StackConfig#seed()} is off ({@code --no-seed}; tests).
 *
 * <p>Command line: {@code Stack [start] [--root DIR] [--var DIR] [--services budget,scoring,...] [--no-seed]} or
 * {@code Stack stop [--root DIR] [--var DIR]}.
 */
public final class Stack implements AutoCloseable {

    /** One running service. */
    public record Running(Service service, Process process, URI url, Path log) {
    }

    private static final String PID_FILE = "stack.pid";
    private static final String CHILDREN_FILE = "stack.children";
    private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration KAFKA_STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration KAFKA_READY_TIMEOUT = Duration.ofSeconds(90);

    private final StackConfig config;
    private final Path varDir;
    private final Path logDir;
    private final long startNanos = System.nanoTime();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Object lock = new Object();
    private final Map<Service, Running> services = new EnumMap<>(Service.class);
    private final Map<String, ProcessHandle> children = new LinkedHashMap<>();

    private boolean closed;
    private boolean wrotePidFile;
    private volatile PrintStream progress;
    private Thread shutdownHook;
    private EmbeddedPostgres postgres;
    private int postgresPort;
    private Process kafka;
    private int kafkaPort;
    private Map<Service, DatabaseTarget> databases = Map.of();
    private Duration postgresTime = Duration.ZERO;
    private Duration kafkaTime = Duration.ZERO;
    private Duration startupTime;
    private boolean freshPostgres;

    private Stack(StackConfig config) {
        this.config = config;
        this.varDir = config.varDir().toAbsolutePath().normalize();
        this.logDir = varDir.resolve("log");
    }

    /** Starts everything the configuration asks for and returns once every service is healthy. */
    public static Stack start(StackConfig config) {
        Stack stack = new Stack(config);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() {
        prepareDirectories();
        guardSingleInstance();
        stopLeftovers(varDir, System.out);
        writePidFile();
        shutdownHook = new Thread(this::close, "stack-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);

        // with no service selected (infrastructure only, e.g. to run the services from an IDE) all three databases
        Set<Service> owners = config.services().stream().anyMatch(s -> s.database().isPresent())
                ? config.services() : EnumSet.allOf(Service.class);
        if (DatabaseTarget.embeddedNeeded(config.environment(), owners)) {
            startPostgres(owners);
        }
        databases = DatabaseTarget.resolve(config.environment(), owners, this::embeddedJdbcUrl);
        startKafka();

        // The three back-ends boot side by side (each JVM is mostly single-threaded while starting), then the
        // gateway, which needs nothing from them to start but routes to them.
        // launched in this order so each learns the address of those it asks: budget-service asks scoring-service
        // about rule sets, indicator-service asks budget-service about project-years
        List<Service> backends = Stream.of(Service.SCORING, Service.BUDGET, Service.INDICATOR)
                .filter(config.services()::contains).toList();
        backends.forEach(this::launch);
        backends.forEach(this::awaitHealthy);
        if (config.services().contains(Service.GATEWAY)) {
            launch(Service.GATEWAY);
            awaitHealthy(Service.GATEWAY);
        }
        startupTime = Duration.ofNanos(System.nanoTime() - startNanos);
        if (config.seed()) {
            loadSeedIfEmpty(System.out);
        }
    }

    // --- seed data ----------------------------------------------------------------------------------------

    /** The 2023 forms of 上海科技馆, bundled: the repository needs nothing outside itself at run time. */
    static final String SEED_RESOURCE = io.jixiao.seed.Seed.FORMS_2023;

    /**
     * Loads the bundled seed forms as demo data through the gateway, when PostgreSQL was initialised by this very
     * start or the budget database holds no project-year yet. An import that goes wrong is reported, never fatal:
     * the stack stays up, and the import (idempotent) can be run again by hand.
     */
    private void loadSeedIfEmpty(PrintStream out) {
        if (!config.services().containsAll(EnumSet.of(Service.BUDGET, Service.INDICATOR, Service.GATEWAY))) {
            return;
        }
        DatabaseTarget budget = databases.get(Service.BUDGET);
        if (!(freshPostgres && !budget.external())) {
            OptionalLong count = projectYears(budget);
            if (count.isEmpty() || count.getAsLong() > 0) {
                return; // data of its own already, or the database cannot be asked (said why)
            }
        }
        out.println("loading the 2023 seed forms of 上海科技馆 as demo data (./run --no-seed skips it) ...");
        try (var seed = Stack.class.getResourceAsStream(SEED_RESOURCE)) {
            if (seed == null) {
                System.err.println("seed data not loaded: " + SEED_RESOURCE + " is missing from the class path");
                return;
            }
            io.jixiao.importer.Report report = io.jixiao.importer.FormImport.run(gatewayUrl(), seed,
                    result -> out.println("  " + result.line().replace(System.lineSeparator(), System.lineSeparator() + "  ")));
            if (!report.ok()) {
                System.err.println("the seed data was not loaded completely (see above); the stack runs on");
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("seed data not loaded: " + e.getMessage());
        }
    }

    /** How many project-years budget-service has registered; empty (and a message) when it cannot be asked. */
    private static OptionalLong projectYears(DatabaseTarget budget) {
        Properties credentials = new Properties();
        if (budget.user() != null) {
            credentials.setProperty("user", budget.user());
        }
        if (budget.password() != null) {
            credentials.setProperty("password", budget.password());
        }
        try (Connection c = DriverManager.getConnection(budget.url(), credentials);
             Statement query = c.createStatement();
             ResultSet rs = query.executeQuery("select count(*) from project_year_list")) {
            rs.next();
            return OptionalLong.of(rs.getLong(1));
        } catch (SQLException e) {
            System.err.println("seed data not loaded: could not count the project-years in " + budget.url() + ": " + e.getMessage());
            return OptionalLong.empty();
        }
    }

    private void prepareDirectories() {
        try {
            Files.createDirectories(logDir);
            for (Path dir : List.of(varDir, logDir)) {
                if (!Files.isWritable(dir)) {
                    throw new IllegalStateException(dir + " is not writable by " + System.getProperty("user.name")
                            + "; choose another with --var, or fix its owner");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + logDir, e);
        }
    }

    // --- PostgreSQL ---------------------------------------------------------------------------------------

    private void startPostgres(Set<Service> owners) {
        long t0 = System.nanoTime();
        postgresPort = config.postgresPort() == 0 ? Processes.freePort() : config.postgresPort();
        requireFree("PostgreSQL", postgresPort);
        Path log = logDir.resolve("postgres.log");
        ProcessBuilder.Redirect toLog = ProcessBuilder.Redirect.appendTo(log.toFile());
        freshPostgres = !Files.exists(varDir.resolve("postgres").resolve("PG_VERSION"));
        synchronized (lock) {
            ensureOpen();
            try {
                postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(varDir.resolve("postgres"))
                        .setCleanDataDirectory(false)
                        .setPort(postgresPort)
                        // zonky's defaults trade durability for speed (it passes -F, i.e. fsync off, and
                        // synchronous_commit=off): a committed payment must survive a crash, so turn it all back on
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on")
                        .setServerConfig("max_connections", "100")
                        .setLocaleConfig("locale", "C")
                        // binaries per OS user: a tree unpacked by root is not executable by anyone else
                        .setOverrideWorkingDirectory(Path.of(System.getProperty("java.io.tmpdir"),
                                "embedded-pg-" + System.getProperty("user.name")).toFile())
                        // crash recovery after an unclean stop may take longer than zonky's 10 s
                        .setPGStartupWait(Duration.ofSeconds(60))
                        // our own hook stops the services first, then Kafka, then PostgreSQL
                        .setRegisterShutdownHook(false)
                        .setOutputRedirector(toLog)
                        .setErrorRedirector(toLog)
                        .start();
            } catch (IOException e) {
                throw new IllegalStateException("PostgreSQL did not start; see " + log + "\n" + Processes.tail(log, 30), e);
            }
            postmaster().ifPresent(p -> children.put("postgres", p));
            writeChildrenFile();
        }
        DatabaseTarget.resolve(config.environment(), owners, db -> db).forEach((service, target) -> {
            if (!target.external()) {
                createDatabaseIfMissing(service.database().orElseThrow());
            }
        });
        postgresTime = Duration.ofNanos(System.nanoTime() - t0);
    }

    private void createDatabaseIfMissing(String database) {
        try (Connection c = DriverManager.getConnection(embeddedJdbcUrl("postgres"), DatabaseTarget.EMBEDDED_USER, "");
             PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (Statement create = c.createStatement()) {
                        // the name comes from the Service enum, never from input
                        create.execute("create database \"" + database + "\"");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database, e);
        }
    }

    private String embeddedJdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + database;
    }

    /** The postmaster, from the first line of {@code postmaster.pid}; pg_ctl detaches it from this JVM. */
    private Optional<ProcessHandle> postmaster() {
        try {
            List<String> lines = Files.readAllLines(varDir.resolve("postgres").resolve("postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    // --- Kafka --------------------------------------------------------------------------------------------

    private void startKafka() {
        long t0 = System.nanoTime();
        kafkaPort = config.kafkaPort() == 0 ? Processes.freePort() : config.kafkaPort();
        int controllerPort = config.kafkaControllerPort() == 0 ? Processes.freePort() : config.kafkaControllerPort();
        requireFree("Kafka", kafkaPort);
        requireFree("Kafka controller", controllerPort);
        Path log = logDir.resolve("kafka.log");
        rotate(log);
        // The kafka_2.13 jars and their dependencies are on this JVM's class path, whether it runs from
        // deploy/target/lib/* or inside the test JVM.
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> !e.isBlank())
                .map(e -> Path.of(e).toAbsolutePath().toString())
                .collect(Collectors.joining(java.io.File.pathSeparator));
        Path properties = KafkaBroker.prepare(varDir.resolve("kafka"), kafkaPort, controllerPort, classPath, log,
                Duration.ofSeconds(60));
        List<String> command = KafkaBroker.command(classPath, config.kafkaJvmOptions(), KafkaBroker.MAIN_CLASS,
                properties.toString());
        synchronized (lock) {
            ensureOpen();
            kafka = spawn(command, Map.of(), log);
            children.put("kafka", kafka.toHandle());
            writeChildrenFile();
        }
        Processes.await("Kafka on port " + kafkaPort, KAFKA_READY_TIMEOUT, kafka::isAlive,
                () -> Processes.accepts("127.0.0.1", kafkaPort), Optional.of(log));
        awaitBrokerRegistered(log);
        kafkaTime = Duration.ofNanos(System.nanoTime() - t0);
    }

    /** An open port is not yet a broker that serves metadata; ask it for the cluster. */
    private void awaitBrokerRegistered(Path log) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        try (Admin admin = Admin.create(props)) {
            int nodes = admin.describeCluster().nodes().get(45, TimeUnit.SECONDS).size();
            if (nodes < 1) {
                throw new IllegalStateException("Kafka reports no broker; see " + log);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Kafka did not become ready; see " + log + "\n" + Processes.tail(log, 40), e);
        }
    }

    // --- services -----------------------------------------------------------------------------------------

    private void launch(Service service) {
        Path jar = service.findJar(config.root()).orElseThrow(() -> new IllegalStateException(
                "no executable jar for " + service.module() + " under " + config.root().resolve(service.module())
                        .resolve("target") + "; build with ./run --build (or ./mvnw -DskipTests package)"));
        int port = config.servicePorts().getOrDefault(service, 0);
        port = port == 0 ? Processes.freePort() : port;
        requireFree(service.module(), port);
        URI url = URI.create("http://127.0.0.1:" + port);
        Map<Service, URI> urls = services.values().stream()
                .collect(Collectors.toMap(Running::service, Running::url, (a, b) -> a, () -> new EnumMap<>(Service.class)));
        Map<String, String> env = serviceEnvironment(service, port, kafkaBootstrapServers(),
                Optional.ofNullable(databases.get(service)), urls);
        List<String> command = new ArrayList<>();
        command.add(Processes.javaExecutable());
        command.addAll(config.serviceJvmOptions());
        command.add("-jar");
        command.add(jar.toString());
        Path log = logDir.resolve(service.module() + ".log");
        rotate(log);
        synchronized (lock) {
            ensureOpen();
            Process process = spawn(command, env, log);
            services.put(service, new Running(service, process, url, log));
            children.put(service.module(), process.toHandle());
            writeChildrenFile();
        }
    }

    /** The variables a service reads (see each service's application.yml). */
    static Map<String, String> serviceEnvironment(Service service, int port, String kafkaBootstrap,
                                                  Optional<DatabaseTarget> database, Map<Service, URI> running) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        database.ifPresent(db -> db.putInto(env, service));
        // the gateway routes to all three; indicator-service asks budget-service whether a project is registered
        // and scoring-service for its rule set's bands and funds weight; budget-service asks scoring-service
        // whether a rule set exists
        List<Service> targets = switch (service) {
            case GATEWAY -> List.of(Service.BUDGET, Service.INDICATOR, Service.SCORING);
            case INDICATOR -> List.of(Service.BUDGET, Service.SCORING);
            case BUDGET -> List.of(Service.SCORING);
            default -> List.of();
        };
        for (Service target : targets) {
            URI url = running.get(target);
            if (url != null) {
                env.put(target.name() + "_SERVICE_URL", url.toString());
            }
        }
        return env;
    }

    private void awaitHealthy(Service service) {
        Running running = services.get(service);
        HttpRequest request = HttpRequest.newBuilder(running.url().resolve("/actuator/health"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        Processes.await(service.module() + " health", config.healthTimeout(), running.process()::isAlive,
                () -> isUp(request), Optional.of(running.log()));
    }

    private boolean isUp(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().replace(" ", "").contains("\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // --- processes ----------------------------------------------------------------------------------------

    private Process spawn(List<String> command, Map<String, String> extraEnv, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(config.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // children see the configured environment (tests drop external-database variables), plus their own
        builder.environment().clear();
        builder.environment().putAll(config.environment());
        builder.environment().putAll(extraEnv);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command.get(0), e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the stack is stopping");
        }
    }

    private void requireFree(String what, int port) {
        if (Processes.accepts("127.0.0.1", port)) {
            throw new IllegalStateException(what + ": port " + port + " is already in use (another stack running? ./run stop)");
        }
    }

    /** Keeps the previous run's log as {@code .log.1}: after a crash, that is the one worth reading. */
    private static void rotate(Path log) {
        try {
            if (Files.exists(log)) {
                Files.move(log, log.resolveSibling(log.getFileName() + ".1"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops every process this stack started and nothing else: services first (they flush and leave their
     * consumer groups), then Kafka, then PostgreSQL. Idempotent; also run by the shutdown hook.
     */
    @Override
    public void close() {
        List<ProcessHandle> serviceHandles;
        Process broker;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            serviceHandles = services.values().stream().map(r -> r.process().toHandle()).toList();
            broker = kafka;
        }
        if (progress != null) {
            progress.println("stopping " + (serviceHandles.size() + (broker == null ? 0 : 1) + (postgres == null ? 0 : 1))
                    + " processes ...");
        }
        Processes.stop(serviceHandles, SERVICE_STOP_GRACE);
        if (broker != null) {
            Processes.stop(List.of(broker.toHandle()), KAFKA_STOP_GRACE);
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
        try {
            // only our own files: a start refused because another stack runs must leave that one's alone
            if (wrotePidFile) {
                Files.deleteIfExists(varDir.resolve(CHILDREN_FILE));
                Files.deleteIfExists(varDir.resolve(PID_FILE));
            }
        } catch (IOException e) {
            System.err.println("could not remove " + varDir.resolve(PID_FILE) + ": " + e.getMessage());
        }
        if (progress != null) {
            progress.println("stopped");
        }
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down
            }
        }
    }

    // --- pid files: one stack per var directory, and `stop` from another shell --------------------------------

    /** A process identified by pid and start time, so a reused pid is never mistaken for ours. */
    record ProcessId(String name, long pid, long startMillis) {

        static ProcessId of(String name, ProcessHandle handle) {
            return new ProcessId(name, handle.pid(), startMillis(handle));
        }

        static ProcessId parse(String line) {
            String[] f = line.trim().split("\\s+");
            return new ProcessId(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]));
        }

        String line() {
            return name + " " + pid + " " + startMillis;
        }

        Optional<ProcessHandle> live() {
            return ProcessHandle.of(pid).filter(Processes::isRunning).filter(h -> startMillis(h) == startMillis);
        }

        private static long startMillis(ProcessHandle handle) {
            return handle.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
        }
    }

    private void writePidFile() {
        write(varDir.resolve(PID_FILE), ProcessId.of("stack", ProcessHandle.current()).line() + "\n");
        wrotePidFile = true;
    }

    private void writeChildrenFile() {
        write(varDir.resolve(CHILDREN_FILE), children.entrySet().stream()
                .map(e -> ProcessId.of(e.getKey(), e.getValue()).line() + "\n").collect(Collectors.joining()));
    }

    private void guardSingleInstance() {
        for (ProcessId id : readIds(varDir.resolve(PID_FILE))) {
            if (id.live().isPresent()) { // this very JVM too: two stacks on one data directory cannot work
                throw new IllegalStateException("a stack already runs from " + varDir + " (pid " + id.pid()
                        + "); stop it with ./run stop");
            }
        }
    }

    /**
     * Stops processes an earlier stack started and left behind (its JVM was killed with SIGKILL), matched by pid
     * and start time. Services first, PostgreSQL last.
     */
    static void stopLeftovers(Path varDir, PrintStream out) {
        Path file = varDir.resolve(CHILDREN_FILE);
        List<ProcessId> ids = new ArrayList<>(readIds(file));
        java.util.Collections.reverse(ids);
        for (ProcessId id : ids) {
            id.live().ifPresent(handle -> {
                out.println("stopping " + id.name() + " (pid " + id.pid() + ") left over from an earlier run");
                Processes.stop(List.of(handle), Duration.ofSeconds(30));
            });
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code Stack stop}: asks the stack running from {@code varDir} to stop, and waits for it. */
    static int stopRunning(Path varDir, PrintStream out) {
        List<ProcessId> ids = readIds(varDir.resolve(PID_FILE));
        Optional<ProcessHandle> stack = ids.stream().findFirst().flatMap(ProcessId::live);
        if (stack.isEmpty()) {
            out.println("no stack running from " + varDir);
            stopLeftovers(varDir, out);
            return 0;
        }
        out.println("stopping the stack (pid " + stack.get().pid() + ")");
        stack.get().destroy(); // SIGTERM: its shutdown hook stops its children
        try {
            stack.get().onExit().get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            out.println("the stack did not stop within 120 s: " + e);
            return 1;
        }
        stopLeftovers(varDir, out);
        out.println("stopped");
        return 0;
    }

    private static List<ProcessId> readIds(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return List.of();
            }
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(ProcessId::parse).toList();
        } catch (IOException | RuntimeException e) {
            return List.of(); // unreadable or from another format: nothing we can safely act on
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- what it exposes ----------------------------------------------------------------------------------

    public URI url(Service service) {
        Running running = services.get(service);
        if (running == null) {
            throw new IllegalArgumentException(service + " was not started");
        }
        return running.url();
    }

    public URI gatewayUrl() {
        return url(Service.GATEWAY);
    }

    public Map<Service, Running> services() {
        return Map.copyOf(services);
    }

    /** The JDBC URL a service was given (embedded or external). */
    public DatabaseTarget database(Service service) {
        DatabaseTarget target = databases.get(service);
        if (target == null) {
            throw new IllegalArgumentException(service + " has no database in this stack");
        }
        return target;
    }

    /** A JDBC URL into the embedded PostgreSQL, for any database name. */
    public String embeddedJdbcUrlFor(String database) {
        if (postgres == null) {
            throw new IllegalStateException("no embedded PostgreSQL in this stack");
        }
        return embeddedJdbcUrl(database);
    }

    public String kafkaBootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** Every process this stack started, by name: postgres (the postmaster), kafka, and each service module. */
    public Map<String, ProcessHandle> processes() {
        synchronized (lock) {
            return new LinkedHashMap<>(children);
        }
    }

    public Optional<Process> kafkaProcess() {
        return Optional.ofNullable(kafka);
    }

    /** From the creation of this stack until every service reported UP. */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * Resident memory per process in kB, from {@code /proc}: each service, Kafka, the postmaster, and PostgreSQL
     * with all its backends as PSS (its shared buffers would otherwise count once per backend).
     */
    public Map<String, Long> residentSetKb() {
        Map<String, Long> rss = new LinkedHashMap<>();
        postmaster().ifPresent(p -> {
            rss.put("postgres (postmaster)", Processes.residentSetKb(p.pid()).orElse(0));
            rss.put("postgres (PSS of all " + (1 + p.descendants().count()) + " processes)",
                    Processes.proportionalSetKbWithDescendants(p));
        });
        if (kafka != null) {
            Processes.residentSetKb(kafka.pid()).ifPresent(kb -> rss.put("kafka", kb));
        }
        services.forEach((service, running) -> {
            OptionalLong kb = Processes.residentSetKb(running.process().pid());
            kb.ifPresent(v -> rss.put(service.module(), v));
        });
        return rss;
    }

    /** The table printed once everything is up. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nStack up in %s s (PostgreSQL %s s, Kafka %s s)%n",
                seconds(startupTime), seconds(postgresTime), seconds(kafkaTime)));
        Map<String, Long> rss = residentSetKb();
        for (Service service : List.of(Service.GATEWAY, Service.BUDGET, Service.INDICATOR, Service.SCORING)) {
            Running r = services.get(service);
            if (r != null) {
                out.append(String.format(Locale.ROOT, "  %-18s %-28s pid %-7d %4d MB  log %s%n", service.module(),
                        r.url(), r.process().pid(), rss.getOrDefault(service.module(), 0L) / 1024, r.log()));
            }
        }
        databases.forEach((service, db) -> out.append(String.format(Locale.ROOT, "  %-18s %s%s%n",
                "PostgreSQL", db.url(), db.external() ? "  (external)" : "  (user postgres)")));
        if (kafka != null) {
            out.append(String.format(Locale.ROOT, "  %-18s %-28s pid %-7d %4d MB  log %s%n", "Kafka",
                    kafkaBootstrapServers(), kafka.pid(), rss.getOrDefault("kafka", 0L) / 1024, logDir.resolve("kafka.log")));
        }
        rss.forEach((name, kb) -> {
            if (name.startsWith("postgres (PSS")) {
                out.append(String.format(Locale.ROOT, "  %-18s %s: %d MB%n", "", name, kb / 1024));
            }
        });
        out.append("  data in ").append(varDir).append(System.lineSeparator());
        return out.toString();
    }

    /** A duration in seconds with one decimal, e.g. {@code 41.7}. */
    static String seconds(Duration d) {
        return d == null ? "0.0" : java.math.BigDecimal.valueOf(d.toMillis(), 3).setScale(1, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    // --- command line -------------------------------------------------------------------------------------

    /** Parsed command line. */
    record Arguments(String command, Path root, Optional<Path> varDir, Optional<Set<Service>> services, boolean noSeed) {

        static Arguments parse(String... args) {
            String command = "start";
            Path root = Path.of("").toAbsolutePath();
            Optional<Path> var = Optional.empty();
            Optional<Set<Service>> services = Optional.empty();
            boolean noSeed = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "start", "stop" -> command = args[i];
                    case "--no-seed" -> noSeed = true;
                    case "--root" -> root = Path.of(value(args, ++i)).toAbsolutePath();
                    case "--var" -> var = Optional.of(Path.of(value(args, ++i)).toAbsolutePath());
                    case "--services" -> services = Optional.of(Arrays.stream(value(args, ++i).split(","))
                            .filter(s -> !s.isBlank()).map(Service::byName)
                            .collect(Collectors.toCollection(() -> EnumSet.noneOf(Service.class))));
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]
                            + "; usage: Stack [start|stop] [--root DIR] [--var DIR] [--services budget,indicator,scoring,gateway] [--no-seed]");
                }
            }
            return new Arguments(command, root, var, services, noSeed);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }

        StackConfig config() {
            StackConfig config = StackConfig.defaults(root);
            config = varDir.map(config::withVarDir).orElse(config);
            config = services.map(config::withServices).orElse(config);
            return noSeed ? config.withSeed(false) : config;
        }
    }

    public static void main(String[] args) throws InterruptedException {
        // the launcher's own console stays readable: Kafka's admin client and zonky log at INFO otherwise
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        StackConfig config = arguments.config();
        if (arguments.command().equals("stop")) {
            System.exit(stopRunning(config.varDir().toAbsolutePath().normalize(), System.out));
        }
        System.out.println("starting PostgreSQL, Kafka and " + config.services().stream().map(Service::module).toList()
                + "; logs in " + config.varDir().resolve("log"));
        Stack stack;
        try {
            stack = start(config);
        } catch (RuntimeException e) {
            System.err.println("start failed: " + e.getMessage());
            System.exit(1);
            return;
        }
        stack.progress = System.out;
        System.out.print(stack.describe());
        System.out.println("Gateway: " + (config.services().contains(Service.GATEWAY) ? stack.gatewayUrl() : "(not started)"));
        System.out.println("Stop with Ctrl-C, or ./run stop from another shell.");
        stack.services.values().forEach(r -> r.process().onExit().thenAccept(p -> {
            if (!stack.isClosed()) {
                System.err.println(r.service().module() + " exited with code " + p.exitValue() + "; see " + r.log());
            }
        }));
        stack.kafkaProcess().ifPresent(k -> k.onExit().thenAccept(p -> {
            if (!stack.isClosed()) {
                System.err.println("Kafka exited with code " + p.exitValue() + "; see " + stack.logDir.resolve("kafka.log"));
            }
        }));
        // runs until Ctrl-C or `stop` (SIGTERM); the shutdown hook then stops the children
        new CountDownLatch(1).await();
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }
}
