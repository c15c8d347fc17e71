package io.jixiao.deploy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * The command line of {@link Stack#main}: {@code Stack [start] [--root DIR] [--var DIR] [--services
 * budget,scoring,...] [--instances budget=2,indicator=2,scoring=2] [--no-seed] [--no-auth-server]} or {@code Stack stop [--root DIR] [--var DIR]}.
 */
final class StackCommand {

    private StackCommand() {
    }

    /** Parsed command line. */
    record Arguments(String command, Path root, Optional<Path> varDir, Optional<Set<Service>> services, boolean noSeed,
                     boolean noAuthServer, Map<Service, Integer> instances) {

        static Arguments parse(String... args) {
            String command = "start";
            Path root = Path.of("").toAbsolutePath();
            Optional<Path> var = Optional.empty();
            Optional<Set<Service>> services = Optional.empty();
            boolean noSeed = false;
            boolean noAuthServer = false;
            Map<Service, Integer> instances = new java.util.EnumMap<>(Service.class);
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "start", "stop", "status" -> command = args[i];
                    case "--no-seed" -> noSeed = true;
                    case "--no-auth-server" -> noAuthServer = true;
                    case "--root" -> root = Path.of(value(args, ++i)).toAbsolutePath();
                    case "--var" -> var = Optional.of(Path.of(value(args, ++i)).toAbsolutePath());
                    case "--services" -> services = Optional.of(Arrays.stream(value(args, ++i).split(","))
                            .filter(s -> !s.isBlank()).map(Service::byName)
                            .collect(Collectors.toCollection(() -> EnumSet.noneOf(Service.class))));
                    case "--instances" -> instances = StackConfig.parseInstances(value(args, ++i));
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]
                            + "; usage: Stack [start|stop] [--root DIR] [--var DIR] [--services budget,indicator,scoring,gateway,auth-server]"
                            + " [--instances budget=2,indicator=2,scoring=2]"
                            + " [--no-seed] [--no-auth-server] (the auth-server starts with any service unless JIXIAO_ISSUER_URI names"
                            + " another issuer or --no-auth-server is given)");
                }
            }
            return new Arguments(command, root, var, services, noSeed, noAuthServer, Map.copyOf(instances));
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }

        StackConfig config() {
            StackConfig config = StackConfig.defaults(root);
            if (noAuthServer && !config.externalIssuer()) {
                // the issuer runs elsewhere, by default where the services look for it (an auth-server started by hand)
                Map<String, String> env = new HashMap<>(config.environment());
                env.put(Identity.ISSUER_VARIABLE, Identity.DEFAULT_ISSUER);
                config = config.withEnvironment(env);
            }
            config = varDir.map(config::withVarDir).orElse(config);
            config = services.map(config::withServices).orElse(config);
            config = config.withInstances(instances);
            return noSeed ? config.withSeed(false) : config;
        }
    }

    static void main(String[] args) throws InterruptedException {
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
            System.exit(PidFiles.stopRunning(config.varDir().toAbsolutePath().normalize(), System.out));
        }
        if (arguments.command().equals("status")) {
            Path var = config.varDir().toAbsolutePath().normalize();
            boolean running = PidFiles.running(var);
            System.out.println(running ? "the stack of " + var + " is running" : "no stack is running from " + var);
            System.out.print(Supervisor.status(var));
            System.exit(running ? 0 : 3);
        }
        System.out.println("starting PostgreSQL, Kafka and " + config.services().stream().map(Service::module).toList()
                + "; logs in " + config.varDir().resolve("log"));
        if (config.externalIssuer()) {
            System.out.println("tokens from the issuer " + config.environment().get(Identity.ISSUER_VARIABLE)
                    + " (JIXIAO_ISSUER_URI" + (arguments.noAuthServer() ? ", --no-auth-server" : "") + "): no auth-server started");
        }
        Stack stack;
        try {
            stack = Stack.start(config);
        } catch (RuntimeException e) {
            System.err.println("start failed: " + e.getMessage());
            System.exit(1);
            return;
        }
        stack.reportProgressTo(System.out);
        System.out.print(stack.describe());
        System.out.println("Gateway: " + (config.services().contains(Service.GATEWAY) ? stack.gatewayUrl() : "(not started)"));
        System.out.println("Stop with Ctrl-C, or ./run stop from another shell.");
        // a process that exits is restarted, with backoff, and left down when it keeps exiting; ./run status tells
        stack.supervise(System.out);
        // runs until Ctrl-C or `stop` (SIGTERM); the shutdown hook then stops the children
        new CountDownLatch(1).await();
    }
}
