package io.jixiao.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the whole system on one machine: an embedded PostgreSQL (data kept in {@code <var>/postgres}, durable
 * commits), a single-node KRaft Kafka as its own JVM (data in {@code <var>/kafka}), the auth-server (principals,
 * signing key in {@code <var>/auth-server}, demo secrets in {@code <var>/credentials.json}) and the four services
 * as child JVMs, each waited for until {@code /actuator/health} says UP. {@link #close()}, Ctrl-C (a shutdown hook)
 * and {@code Stack stop} stop exactly the processes started here.
 *
 * <p>The auth-server is launched first and boots while PostgreSQL and Kafka start; the services start once it is
 * healthy, each told the issuer, and budget-service and indicator-service their own client's secret
 * ({@link Identity}). With {@code JIXIAO_ISSUER_URI} set, that issuer is used instead and no auth-server starts.
 *
 * <p>On a fresh start (no project-year registered yet) it loads the bundled 2023 seed forms through the gateway as
 * demo data, as client {@code seed-loader}, unless {@link StackConfig#seed()} is off ({@code --no-seed}; tests).
 *
 * <p>Command line: {@code Stack [start] [--root DIR] [--var DIR] [--services budget,scoring,...]
 * [--instances budget=2,indicator=2,scoring=2] [--no-seed]} or
 * {@code Stack stop [--root DIR] [--var DIR]}.
 *
 * <p>The parts: {@link PostgresServer}, {@link KafkaBroker}, {@link ServiceProcesses}, {@link SeedLoad}; every
 * process they start goes through {@link ChildProcesses} and is recorded by {@link PidFiles}; {@link StackReport}
 * tells what runs, {@link StackCommand} is the command line.
 */
public final class Stack implements AutoCloseable {

    /** One running service. */
    public record Running(Service service, Process process, URI url, Path log) {
    }

    /** The 2023 forms of 上海科技馆, bundled: the repository needs nothing outside itself at run time. */
    static final String SEED_RESOURCE = SeedLoad.SEED_RESOURCE;

    /** Rows of {@link #residentSetKb()}. */
    public static final String POSTGRES_POSTMASTER = "postgres (postmaster)";
    /** PostgreSQL with all its backends: shared pages divided among them, so its shared buffers count once. */
    public static final String POSTGRES_PSS = "postgres (PSS of all processes)";
    /** What its processes hold of their own, without the shared buffers: a leak in a backend shows here. */
    public static final String POSTGRES_PRIVATE = "postgres (private, all processes)";

    private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration KAFKA_STOP_GRACE = Duration.ofSeconds(30);

    private final StackConfig config;
    private final Path varDir;
    private final Path logDir;
    private final long startNanos = System.nanoTime();
    private final PidFiles pidFiles;
    private final ChildProcesses children;
    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final ServiceProcesses services;
    private final StackReport report;

    private volatile PrintStream progress;
    private volatile Supervisor supervisor;
    private Thread shutdownHook;
    private Map<Service, DatabaseTarget> databases = Map.of();
    private Duration startupTime;

    private Stack(StackConfig config) {
        this.config = config;
        this.varDir = config.varDir().toAbsolutePath().normalize();
        this.logDir = varDir.resolve("log");
        this.pidFiles = new PidFiles(varDir);
        this.children = new ChildProcesses(config, pidFiles);
        this.postgres = new PostgresServer(config, varDir, logDir, children);
        this.kafka = new KafkaBroker(config, varDir, logDir, children);
        this.services = new ServiceProcesses(config, varDir, logDir, children);
        this.report = new StackReport(varDir, postgres, kafka, services);
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
        pidFiles.guardSingleInstance();
        PidFiles.stopLeftovers(varDir, System.out);
        pidFiles.writePidFile();
        shutdownHook = new Thread(this::close, "stack-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        // it needs neither PostgreSQL nor Kafka, and the services need it: it boots while they start
        services.launchAuthServer();

        // with no service selected (infrastructure only, e.g. to run the services from an IDE) all three databases
        Set<Service> owners = config.services().stream().anyMatch(s -> s.database().isPresent())
                ? config.services() : EnumSet.allOf(Service.class);
        if (DatabaseTarget.embeddedNeeded(config.environment(), owners)) {
            postgres.start(owners);
        }
        databases = DatabaseTarget.resolve(config.environment(), owners, postgres::jdbcUrl);
        kafka.start();
        services.start(kafka.bootstrapServers(), databases);
        startupTime = Duration.ofNanos(System.nanoTime() - startNanos);
        if (config.seed()) {
            SeedLoad.loadSeedIfEmpty(config.services(), databases, postgres.fresh(), this::gatewayUrl,
                    () -> identity().seedLoader(), System.out);
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

    /**
     * Stops every process this stack started and nothing else: services first (they flush and leave their
     * consumer groups), then Kafka, then PostgreSQL. Idempotent; also run by the shutdown hook.
     */
    @Override
    public void close() {
        Supervisor watching = supervisor;
        if (watching != null) {
            // what exits from here on is the stop's own doing
            watching.close();
        }
        if (!children.markClosed()) {
            return;
        }
        // nothing starts any more, and what did start is recorded: these are all the processes there are
        List<ProcessHandle> serviceHandles = java.util.stream.Stream.concat(services.running().values().stream(),
                services.extraInstances().values().stream()).map(r -> r.process().toHandle()).toList();
        Process broker = kafka.process().orElse(null);
        if (progress != null) {
            progress.println("stopping " + (serviceHandles.size() + (broker == null ? 0 : 1) + (postgres.started() ? 1 : 0))
                    + " processes ...");
        }
        Processes.stop(serviceHandles, SERVICE_STOP_GRACE);
        if (broker != null) {
            Processes.stop(List.of(broker.toHandle()), KAFKA_STOP_GRACE);
        }
        postgres.stop();
        pidFiles.delete();
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

    /**
     * From now on, a process of this stack that exits is restarted (see {@link Supervisor}): the auth-server and each
     * service as they were launched, Kafka and PostgreSQL on their ports and data. Each exit and restart is told on
     * {@code out} and kept in {@code <var>/supervision.txt} for {@code ./run status}.
     */
    public void supervise(PrintStream out) {
        supervise(out, Supervisor.Policy.DEFAULT);
    }

    /** The same with another restart policy (tests restart sooner than a person's stack). */
    public void supervise(PrintStream out, Supervisor.Policy policy) {
        Supervisor watching = new Supervisor(java.time.Clock.systemUTC(), policy, varDir.resolve(Supervisor.FILE), out);
        supervisor = watching;
        postgres.postmaster().ifPresent(p -> watching.watch("postgres", Supervisor.Started.of(p), postgres::restart));
        kafka.process().ifPresent(p -> watching.watch("kafka", Supervisor.Started.of(p), kafka::restart));
        services.running().forEach((service, running) -> watching.watch(service.module(),
                Supervisor.Started.of(running.process()), () -> services.relaunch(service)));
        services.extraInstances().forEach((name, running) -> watching.watch(name,
                Supervisor.Started.of(running.process()), () -> services.relaunchInstance(name)));
    }

    /** Every instance of a service the gateway routes to, the first one first ({@code ./run --instances}). */
    public List<URI> instanceUrls(Service service) {
        return services.routedUrls(service);
    }

    /** The supervisor, once {@link #supervise} was called. */
    public Optional<Supervisor> supervisor() {
        return Optional.ofNullable(supervisor);
    }

    /**
     * Starts instance number {@code instance} (2, 3, …) of a running service beside the first, named
     * {@code <module>-<instance>}, and returns once it is healthy; it stops with the stack. Not supervised, and not
     * routed to by the gateway: a second budget-service competes for the relay's token claim (the fault suite). The
     * instances the gateway routes to are those of {@link StackConfig#instances()}, started with the stack.
     */
    public Running startInstance(Service service, int instance) {
        return services.launchInstance(service, instance);
    }

    /**
     * From its next start on (a supervised restart), {@code service} runs with these environment variables changed:
     * the fault suite points budget-service's database at a proxy it controls.
     */
    public void overrideEnvironment(Service service, Map<String, String> variables) {
        services.override(service, variables);
    }

    // --- what it exposes ----------------------------------------------------------------------------------

    public URI url(Service service) {
        Running running = services.running().get(service);
        if (running == null) {
            throw new IllegalArgumentException(service + " was not started");
        }
        return running.url();
    }

    public URI gatewayUrl() {
        return url(Service.GATEWAY);
    }

    /** The issuer every service checks tokens against: the embedded auth-server, or the external one. */
    public URI issuer() {
        return identity().issuer();
    }

    /** The token endpoint ({@code client_credentials}) of {@link #issuer()}. */
    public URI tokenUri() {
        return identity().tokenUri();
    }

    /** Where the embedded auth-server wrote its demo principals' secrets ({@code <var>/credentials.json}). */
    public Path credentialsFile() {
        return identity().credentialsFile();
    }

    /**
     * A token source for one of the demo clients ({@code seed-loader}, {@code finance-system-a}, {@code bench},
     * {@code auditor-client}, …), its secret read from {@link #credentialsFile()}.
     */
    public io.jixiao.contracts.access.ClientCredentials client(String clientId) {
        return identity().client(clientId);
    }

    private Identity identity() {
        return services.identity().orElseThrow(() -> new IllegalStateException("no issuer in this stack: no service was started"));
    }

    public Map<Service, Running> services() {
        return Map.copyOf(services.running());
    }

    /** Where the stack keeps its data and logs ({@code log/<process>.log}). */
    public Path varDir() {
        return varDir;
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
        if (!postgres.started()) {
            throw new IllegalStateException("no embedded PostgreSQL in this stack");
        }
        return postgres.jdbcUrl(database);
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Every process this stack started, by name: postgres (the postmaster), kafka, and each service module. */
    public Map<String, ProcessHandle> processes() {
        return children.snapshot();
    }

    public Optional<Process> kafkaProcess() {
        return kafka.process();
    }

    /** From the creation of this stack until every service reported UP. */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * Resident memory per process in kB, from {@code /proc}: each service, Kafka, the postmaster, and PostgreSQL
     * with all its backends as PSS (the row to add up) and as private memory.
     */
    public Map<String, Long> residentSetKb() {
        return report.residentSetKb();
    }

    /** The table printed once everything is up. */
    public String describe() {
        return report.describe(startupTime, databases);
    }

    /** A duration in seconds with one decimal, e.g. {@code 41.7}. */
    static String seconds(Duration d) {
        return StackReport.seconds(d);
    }

    /** The variables a service reads (see each service's application.yml), but for those of tokens. */
    static Map<String, String> serviceEnvironment(Service service, int port, String kafkaBootstrap,
                                                  Optional<DatabaseTarget> database, Map<Service, URI> running) {
        return ServiceProcesses.environment(service, port, kafkaBootstrap, database, running);
    }

    /** The same with the variables of tokens, as the stack's {@link Identity} and the services' secrets give them. */
    static Map<String, String> serviceEnvironment(Service service, int port, String kafkaBootstrap,
                                                  Optional<DatabaseTarget> database, Map<Service, URI> running,
                                                  Identity identity, Map<Service, String> secrets, Path varDir) {
        return ServiceProcesses.environment(service, port, kafkaBootstrap, database, running, Optional.of(identity),
                secrets, varDir);
    }

    /** From now on {@link #close()} says what it stops, on {@code out}. */
    void reportProgressTo(PrintStream out) {
        progress = out;
    }

    boolean isClosed() {
        return children.isClosed();
    }

    Path kafkaLog() {
        return kafka.log();
    }

    // --- command line -------------------------------------------------------------------------------------

    public static void main(String[] args) throws InterruptedException {
        StackCommand.main(args);
    }
}
