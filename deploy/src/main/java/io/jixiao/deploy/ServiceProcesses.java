package io.jixiao.deploy;

import io.jixiao.deploy.Stack.Running;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The services of a stack as child JVMs: their environment, the order they are launched in, and the wait until
 * each one's {@code /actuator/health} says UP. The auth-server comes first: once it is up, the secrets of the
 * services that call others are read from the {@code credentials.json} it wrote ({@link Identity}).
 */
final class ServiceProcesses {

    private final StackConfig config;
    private final Path varDir;
    private final Path logDir;
    private final ChildProcesses children;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<Service, Running> services = new EnumMap<>(Service.class);
    /**
     * Instances beyond the first, by name ({@code budget-service-2}): those of {@link StackConfig#instances()} are
     * routed to by the gateway, those started later by {@link #launchInstance} are not.
     */
    private final Map<String, Running> extraInstances = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Launch> extraLaunches = new java.util.concurrent.ConcurrentHashMap<>();
    /** How each was launched: the same command and environment start it again. */
    private final Map<Service, Launch> launches = new EnumMap<>(Service.class);

    private record Launch(List<String> command, Map<String, String> env, Path log, URI url) {
    }

    private volatile Identity identity;
    private Map<Service, String> secrets = Map.of();

    ServiceProcesses(StackConfig config, Path varDir, Path logDir, ChildProcesses children) {
        this.config = config;
        this.varDir = varDir;
        this.logDir = logDir;
        this.children = children;
    }

    /**
     * Launches the embedded auth-server when the configuration has it, without waiting: it boots while PostgreSQL
     * and Kafka start, and {@link #start} waits for it. With an external issuer, only notes where that is.
     */
    void launchAuthServer() {
        if (config.services().contains(Service.AUTH_SERVER)) {
            launch(Service.AUTH_SERVER, null, Map.of());
        } else if (config.externalIssuer()) {
            identity = Identity.external(varDir, config.environment());
        }
    }

    /** Launches the configured services and returns once every one of them is healthy. */
    void start(String kafkaBootstrap, Map<Service, DatabaseTarget> databases) {
        if (services.containsKey(Service.AUTH_SERVER)) {
            awaitHealthy(Service.AUTH_SERVER);
        }
        if (identity != null) {
            // before any service starts: a missing secret stops the start with its reason
            secrets = identity.serviceSecrets(config.services());
        }
        // The three back-ends boot side by side (each JVM is mostly single-threaded while starting), then the
        // gateway, which needs nothing from them to start but routes to them.
        // launched in this order so each learns the address of those it asks: budget-service asks scoring-service
        // about rule sets, indicator-service asks budget-service about project-years
        List<Service> backends = Stream.of(Service.SCORING, Service.BUDGET, Service.INDICATOR)
                .filter(config.services()::contains).toList();
        backends.forEach(service -> launch(service, kafkaBootstrap, databases));
        List<String> more = new ArrayList<>();
        for (Service service : backends) {
            for (int instance = 2; instance <= config.instancesOf(service); instance++) {
                more.add(spawnInstance(service, instance));
            }
        }
        // they share the cores while they boot: twice as many JVMs at once may take twice as long
        Duration boot = config.healthTimeout().multipliedBy(Math.max(1, (backends.size() + more.size() + 2) / 3));
        backends.forEach(service -> awaitHealthy(service, boot));
        more.forEach(name -> awaitInstance(name, boot));
        if (config.services().contains(Service.GATEWAY)) {
            launch(Service.GATEWAY, kafkaBootstrap, databases);
            awaitHealthy(Service.GATEWAY);
        }
    }

    /** Every instance of a service the gateway routes to: the first, then those of {@link StackConfig#instances()}. */
    List<URI> routedUrls(Service service) {
        List<URI> urls = new ArrayList<>();
        Running first = services.get(service);
        if (first != null) {
            urls.add(first.url());
        }
        for (int instance = 2; instance <= config.instancesOf(service); instance++) {
            Running more = extraInstances.get(service.module() + "-" + instance);
            if (more != null) {
                urls.add(more.url());
            }
        }
        return urls;
    }

    /** Where tokens come from; empty before {@link #launchAuthServer} and when no service runs. */
    Optional<Identity> identity() {
        return Optional.ofNullable(identity);
    }

    private void launch(Service service, String kafkaBootstrap, Map<Service, DatabaseTarget> databases) {
        Path jar = service.findJar(config.root()).orElseThrow(() -> new IllegalStateException(
                "no executable jar for " + service.module() + " under " + config.root().resolve(service.module())
                        .resolve("target") + "; build with ./run --build (or ./mvnw -DskipTests package)"));
        int port = config.servicePorts().getOrDefault(service, 0);
        port = port == 0 ? Processes.freePort() : port;
        ChildProcesses.requireFree(service.module(), port);
        URI url = URI.create("http://127.0.0.1:" + port);
        if (service == Service.AUTH_SERVER) {
            identity = Identity.embedded(url, varDir, config.environment());
        }
        Map<Service, URI> urls = services.values().stream()
                .collect(Collectors.toMap(Running::service, Running::url, (a, b) -> a, () -> new EnumMap<>(Service.class)));
        Map<String, String> env = environment(service, port, kafkaBootstrap,
                Optional.ofNullable(databases.get(service)), urls, Optional.ofNullable(identity), secrets, varDir);
        if (service == Service.GATEWAY) {
            // the gateway spreads each service's requests over all its instances (its jixiao.gateway.upstreams)
            for (Service target : List.of(Service.BUDGET, Service.INDICATOR, Service.SCORING)) {
                List<URI> all = routedUrls(target);
                if (!all.isEmpty()) {
                    env.put(target.name() + "_SERVICE_URL", all.stream().map(URI::toString).collect(Collectors.joining(",")));
                }
            }
        }
        int gateway = config.servicePorts().getOrDefault(Service.GATEWAY, 0);
        if (service == Service.AUTH_SERVER && gateway != 0) {
            // the dashboard's login comes back to the gateway: the auth-server registers its address
            env.put("JIXIAO_DASHBOARD_ORIGINS", "http://127.0.0.1:" + gateway + ",http://localhost:" + gateway);
        }
        List<String> command = new ArrayList<>();
        command.add(Processes.javaExecutable());
        command.addAll(config.serviceJvmOptions());
        command.addAll(config.jitOptions(service.module()));
        command.add("-jar");
        command.add(jar.toString());
        Path log = logDir.resolve(service.module() + ".log");
        ChildProcesses.rotate(log);
        Launch launch = new Launch(List.copyOf(command), Map.copyOf(env), log, url);
        launches.put(service, launch);
        spawn(service, launch);
    }

    private Process spawn(Service service, Launch launch) {
        Process[] started = new Process[1];
        children.startWhileOpen(() -> {
            Process process = children.spawn(launch.command(), launch.env(), launch.log());
            services.put(service, new Running(service, process, launch.url(), launch.log()));
            children.add(service.module(), process.toHandle());
            started[0] = process;
        });
        return started[0];
    }

    /**
     * Starts a service that exited again, as it was launched (same port, environment and log, appended to), for the
     * {@link Supervisor}; it does not wait for its health.
     */
    Supervisor.Started relaunch(Service service) {
        Launch launch = launches.get(service);
        if (launch == null) {
            throw new IllegalStateException(service.module() + " was never launched");
        }
        ChildProcesses.requireFree(service.module(), launch.url().getPort());
        return Supervisor.Started.of(spawn(service, launch));
    }

    /**
     * Starts another instance of a running service, {@code <module>-<instance>}: the same command and environment but
     * for a port of its own, its log {@code <module>-<instance>.log}; returns once it is healthy. It shares the
     * service's database and topics (a second budget-service competes for the relay's token claim); started after
     * the gateway, it is not routed to.
     */
    Running launchInstance(Service service, int instance) {
        String name = spawnInstance(service, instance);
        awaitInstance(name, config.healthTimeout());
        return extraInstances.get(name);
    }

    /** Spawns instance {@code instance} of a launched service without waiting for it; returns its name. */
    private String spawnInstance(Service service, int instance) {
        Launch first = launches.get(service);
        if (first == null) {
            throw new IllegalStateException(service.module() + " was never launched");
        }
        String name = service.module() + "-" + instance;
        int port = Processes.freePort();
        ChildProcesses.requireFree(name, port);
        Map<String, String> env = new LinkedHashMap<>(first.env());
        env.put("SERVER_PORT", Integer.toString(port));
        Path log = logDir.resolve(name + ".log");
        ChildProcesses.rotate(log);
        Launch launch = new Launch(first.command(), Map.copyOf(env), log, URI.create("http://127.0.0.1:" + port));
        extraLaunches.put(name, launch);
        spawnInstance(service, name, launch);
        return name;
    }

    private Process spawnInstance(Service service, String name, Launch launch) {
        Process[] started = new Process[1];
        children.startWhileOpen(() -> {
            Process process = children.spawn(launch.command(), launch.env(), launch.log());
            extraInstances.put(name, new Running(service, process, launch.url(), launch.log()));
            children.add(name, process.toHandle());
            started[0] = process;
        });
        return started[0];
    }

    private void awaitInstance(String name, Duration timeout) {
        Running running = extraInstances.get(name);
        HttpRequest request = HttpRequest.newBuilder(running.url().resolve("/actuator/health"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        Processes.await(name + " health", timeout, running.process()::isAlive, () -> isUp(request),
                Optional.of(running.log()));
    }

    /** Starts an instance beyond the first that exited again, as it was launched, for the {@link Supervisor}. */
    Supervisor.Started relaunchInstance(String name) {
        Launch launch = extraLaunches.get(name);
        if (launch == null) {
            throw new IllegalStateException(name + " was never launched");
        }
        ChildProcesses.requireFree(name, launch.url().getPort());
        return Supervisor.Started.of(spawnInstance(extraInstances.get(name).service(), name, launch));
    }

    /**
     * From now on {@code service} is (re)started with these variables changed (the fault suite points budget-service's
     * database at a proxy); takes effect at its next start.
     */
    void override(Service service, Map<String, String> variables) {
        Launch launch = launches.get(service);
        if (launch == null) {
            throw new IllegalStateException(service.module() + " was never launched");
        }
        Map<String, String> env = new LinkedHashMap<>(launch.env());
        env.putAll(variables);
        launches.put(service, new Launch(launch.command(), Map.copyOf(env), launch.log(), launch.url()));
    }

    /** The instances started by {@link #launchInstance}, by name. */
    Map<String, Running> extraInstances() {
        return Map.copyOf(extraInstances);
    }

    /** The variables a service reads (see each service's application.yml), those of tokens included. */
    static Map<String, String> environment(Service service, int port, String kafkaBootstrap,
                                           Optional<DatabaseTarget> database, Map<Service, URI> running,
                                           Optional<Identity> identity, Map<Service, String> secrets, Path varDir) {
        Map<String, String> env = environment(service, port, kafkaBootstrap, database, running);
        identity.ifPresent(id -> id.putInto(env, service, Optional.ofNullable(secrets.get(service)),
                varDir.resolve("auth-server")));
        if (service.database().isPresent()) {
            // the event chain's signing key lives with the stack's data, not relative to the working directory
            env.put("JIXIAO_INTEGRITY_KEYFILE", varDir.resolve(service.module()).resolve("sm2-key.pem").toString());
        }
        return env;
    }

    /** The variables a service reads but for those of tokens, which {@link Identity#putInto} adds. */
    static Map<String, String> environment(Service service, int port, String kafkaBootstrap,
                                           Optional<DatabaseTarget> database, Map<Service, URI> running) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", Integer.toString(port));
        if (service == Service.AUTH_SERVER) {
            return env; // neither Kafka nor a database nor another service
        }
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
        awaitHealthy(service, config.healthTimeout());
    }

    private void awaitHealthy(Service service, Duration timeout) {
        Running running = services.get(service);
        HttpRequest request = HttpRequest.newBuilder(running.url().resolve("/actuator/health"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        Processes.await(service.module() + " health", timeout, running.process()::isAlive,
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

    /** The services launched so far, in {@link Service} order; a read-only view. */
    Map<Service, Running> running() {
        return Collections.unmodifiableMap(services);
    }
}
