package io.jixiao.faults;

import io.jixiao.deploy.Service;
import io.jixiao.deploy.Stack;
import io.jixiao.deploy.StackConfig;
import io.jixiao.deploy.Supervisor;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * The fault suite: a stack started as the end-to-end tests start one and supervised as {@code ./run} supervises it,
 * a payment load with its own {@link Ledger}, and the faults of docs/reliability.md injected one scenario after
 * another on a schedule drawn from a printed seed. After each scenario the load stops, the projection must catch up
 * within 60 s, and invariants I1 to I4 are checked against the ledger; I5 once at the end. Everything goes to a
 * report. A failing run replays with {@code --seed}.
 *
 * <p>Command line ({@code faults/run}): {@code FaultSuite [--seed N] [--rounds N] [--scenarios a,b,...]
 * [--report FILE] [--short]}; {@code FaultSuite --soak 30m [--rate N]} runs {@link Soak} instead.
 */
public final class FaultSuite {

    /** Every scenario, in the order they run. */
    public static final List<String> SCENARIOS = List.of(
            "kill-budget-service", "kill-indicator-service", "kill-scoring-service", "kill-gateway", "kill-auth-server",
            "kill-kafka", "kill-postgres", "pause-relay-holder", "kafka-down", "postgres-immediate",
            "append-held-past-gap-timeout", "lost-acks-postgres", "lost-acks-kafka", "poison-records", "rebuild-under-load");

    /** Restarts sooner than a person's stack: the suite waits for each. */
    static final Supervisor.Policy POLICY = new Supervisor.Policy(5, Duration.ofMinutes(1), Duration.ofMillis(200),
            Duration.ofSeconds(2));
    /** The liveness bound of docs/reliability.md: after a fault heals, projection lag back to zero within it. */
    static final Duration CATCH_UP = Duration.ofSeconds(60);

    /**
     * @param kafkaOutage  how long Kafka stays down (a minute in the full form)
     * @param hold         how long an append transaction is held open (past the 60 s gap timeout)
     * @param pause        how long the relay holder is stopped (past the 10 s claim timeout)
     */
    public record Options(long seed, int rounds, List<String> scenarios, int workers, int projectsPerWorker,
                          Duration kafkaOutage, Duration postgresOutage, Duration hold, Duration pause, Path report,
                          Map<Service, Integer> instances) {

        public static Options full(long seed, Path report) {
            return new Options(seed, 3, SCENARIOS, 4, 3, Duration.ofMinutes(1), Duration.ofSeconds(15),
                    Duration.ofSeconds(70), Duration.ofSeconds(25), report, Map.of());
        }

        /** Every scenario once, Kafka down for 30 s: the form {@code ./mvnw verify} runs. */
        public static Options brief(long seed, Path report) {
            return new Options(seed, 1, SCENARIOS, 4, 3, Duration.ofSeconds(30), Duration.ofSeconds(10),
                    Duration.ofSeconds(70), Duration.ofSeconds(20), report, Map.of());
        }

        /**
         * Two instances of budget-, indicator- and scoring-service behind the gateway, each instance killed in turn
         * (the first of one service, the second of the next, …) while the load posts through the gateway.
         */
        public static Options twoOfEverything(long seed, Path report) {
            return new Options(seed, 1, TWO_OF_EVERYTHING, 4, 3, Duration.ofSeconds(30), Duration.ofSeconds(10),
                    Duration.ofSeconds(70), Duration.ofSeconds(20), report,
                    Map.of(Service.BUDGET, 2, Service.INDICATOR, 2, Service.SCORING, 2));
        }
    }

    /** {@link Options#twoOfEverything}'s scenarios: every instance killed once, alternating. */
    public static final List<String> TWO_OF_EVERYTHING = List.of(
            "kill-budget-service", "kill-indicator-service-2", "kill-scoring-service", "kill-budget-service-2",
            "kill-indicator-service", "kill-scoring-service-2");

    /** One scenario's outcome. */
    public record Result(String scenario, int round, long faultAfterMillis, String fault, long answered,
                         long answeredWhileFaulted, long catchUpMillis, Map<String, List<String>> invariants,
                         List<String> problems) {

        public boolean passed() {
            return problems.isEmpty() && invariants.values().stream().allMatch(List::isEmpty);
        }
    }

    /** What a run found. */
    public record Outcome(long seed, List<Result> results, List<String> i5, List<String> problems, Path report) {

        public boolean passed() {
            return problems.isEmpty() && i5.isEmpty() && results.stream().allMatch(Result::passed);
        }
    }

    private final Options options;
    private final Stack stack;
    private final Faults faults;
    private final Invariants invariants;
    private final Client client;
    private final Client admin;
    private final Ledger ledger = new Ledger();
    private final Load load;
    private final Random schedule;
    private final List<String> lines = new ArrayList<>();
    private boolean secondBudgetInstance;
    private final TcpProxy kafkaProxy;
    private final TcpProxy postgresProxy;

    private FaultSuite(Options options, Stack stack, TcpProxy kafkaProxy, TcpProxy postgresProxy) {
        this.options = options;
        this.stack = stack;
        this.kafkaProxy = kafkaProxy;
        this.postgresProxy = postgresProxy;
        Invariants.Databases databases = Invariants.Databases.of(stack);
        this.faults = new Faults(stack, databases);
        this.client = new Client(stack::gatewayUrl, stack.client("bench"));
        this.admin = new Client(stack::gatewayUrl, stack.client("admin-client"));
        String run = Long.toString(Math.abs(options.seed() % 1_000_000), 36).toUpperCase() + Long.toString(System.currentTimeMillis() % 100_000, 36).toUpperCase();
        this.load = new Load(client, ledger, run, options.seed(), options.workers(), options.projectsPerWorker());
        load.prepare();
        this.invariants = new Invariants(databases, load.projectIds());
        this.schedule = new Random(options.seed());
    }

    /** Starts a stack of its own under {@code var}, runs the suite on it, stops it, and writes the report. */
    public static Outcome run(Path root, Path var, Options options) throws Exception {
        System.out.println("fault suite, seed " + options.seed() + " (replay with --seed " + options.seed() + ")");
        ByteArrayOutputStream told = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        // Kafka tells every client to connect through a proxy the suite controls; budget-service reaches PostgreSQL
        // through another, from its first restart on
        int kafkaPort = freePort();
        int postgresPort = freePort();
        try (TcpProxy kafkaProxy = new TcpProxy(freePort(), kafkaPort);
             TcpProxy postgresProxy = new TcpProxy(freePort(), postgresPort)) {
            Map<String, String> env = new java.util.HashMap<>(StackConfig.forTest(root, var).environment());
            env.put(StackConfig.KAFKA_ADVERTISED_PORT, Integer.toString(kafkaProxy.port()));
            StackConfig config = StackConfig.forTest(root, var).withKafkaPort(kafkaPort).withPostgresPort(postgresPort)
                    .withEnvironment(env).withInstances(options.instances());
            try (Stack stack = Stack.start(config)) {
                stack.supervise(new PrintStream(told, true, StandardCharsets.UTF_8), POLICY);
                stack.overrideEnvironment(Service.BUDGET, Map.of("BUDGET_DB_URL",
                        "jdbc:postgresql://127.0.0.1:" + postgresProxy.port() + "/" + Service.BUDGET.database().orElseThrow()));
                FaultSuite suite = new FaultSuite(options, stack, kafkaProxy, postgresProxy);
                suite.lines.add("stack started in " + stack.startupTime().toSeconds() + " s");
                suite.lines.add("budget-service restarted to reach PostgreSQL through the proxy: " + suite.faults.kill("budget-service"));
                Outcome outcome = suite.runAll();
                suite.instancesServed(outcome);
                suite.lines.add("");
                suite.lines.add("## what the supervisor told");
                suite.lines.add(told.toString(StandardCharsets.UTF_8).strip());
                suite.lines.add("");
                suite.lines.add("suite ran " + Faults.millis(t0) / 1000 + " s");
                suite.write(outcome);
                keepLogs(stack.varDir().resolve("log"), options.report().toAbsolutePath().resolveSibling("fault-logs"));
                return outcome;
            }
        }
    }

    /** The stack's logs, kept beside the report: the stack's own directory goes with it. */
    static void keepLogs(Path logs, Path to) throws IOException {
        deleteTree(to);
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(logs)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    /** A port nothing listens on, away from the kernel's ephemeral range (as deploy picks its own). */
    static int freePort() {
        Random random = new Random();
        for (int i = 0; i < 200; i++) {
            int port = 33000 + random.nextInt(7000);
            try (java.net.ServerSocket s = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException e) {
                // taken
            }
        }
        throw new IllegalStateException("no free port in 33000-40000");
    }

    private Outcome runAll() throws Exception {
        List<Result> results = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int round = 1; round <= options.rounds(); round++) {
            for (String scenario : options.scenarios()) {
                Result r = scenario(scenario, round);
                results.add(r);
                System.out.printf("  %-32s round %d: %s%n", scenario, round, r.passed() ? "passed" : "FAILED " + r.problems() + " " + r.invariants());
            }
        }
        List<String> i5 = ambiguityResolves();
        load.failures().forEach(f -> problems.add("a worker failed: " + f));
        return new Outcome(options.seed(), results, i5, problems, options.report());
    }

    private Result scenario(String scenario, int round) throws Exception {
        currentRound = round;
        List<String> problems = new ArrayList<>();
        long answeredBefore = load.requestsAnswered();
        long unexpectedBefore = load.unexpected.get();
        // the schedule: how long the load runs before the fault, and which of several targets it hits
        long faultAfter = 2000 + schedule.nextInt(4000);
        if (scenario.equals("pause-relay-holder") && !secondBudgetInstance && stack.instanceUrls(Service.BUDGET).size() < 2) {
            stack.startInstance(Service.BUDGET, 2);
            secondBudgetInstance = true;
        }
        load.start();
        long t0 = System.nanoTime();
        await("the load before the fault").atMost(Duration.ofMillis(faultAfter + 60_000)).pollInterval(Duration.ofMillis(100))
                .until(() -> Faults.millis(t0) >= faultAfter);
        AtomicLong duringFault = new AtomicLong();
        long atFault = load.requestsAnswered();
        String fault;
        try {
            fault = inject(scenario, () -> duringFault.set(load.requestsAnswered() - atFault));
        } catch (RuntimeException e) {
            problems.add("the fault could not be injected or did not heal: " + e);
            fault = "failed: " + e.getMessage();
        }
        // posting works again after the fault: more answers come
        long afterHeal = load.requestsAnswered();
        try {
            await("answers after the fault healed").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> load.requestsAnswered() >= afterHeal + 20);
        } catch (RuntimeException e) {
            problems.add("no answers after the fault healed: " + e.getMessage());
        }
        load.stop();
        long stopped = System.nanoTime();
        long catchUp;
        try {
            await("projection lag back to zero").atMost(CATCH_UP).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(invariants::caughtUp);
            catchUp = Faults.millis(stopped);
        } catch (RuntimeException e) {
            catchUp = -1;
            problems.add("projection lag not zero " + CATCH_UP.toSeconds() + " s after the load stopped: " + lagOrError());
        }
        if (scenario.equals("rebuild-under-load")) {
            try {
                await("the rebuild caught up").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                        .until(() -> faults.rebuildCaughtUp(admin));
                await("projection lag back to zero after the rebuild").atMost(CATCH_UP).pollInterval(Duration.ofMillis(200))
                        .ignoreExceptions().until(invariants::caughtUp);
            } catch (RuntimeException e) {
                problems.add("the rebuild did not catch up: " + e.getMessage());
            }
        }
        if (scenario.equals("poison-records")) {
            List<String> found = faults.deadLettered(poisonMarker(round));
            fault += "; dead-lettered: " + found;
            if (found.size() != 5) {
                problems.add("5 poison records sent, " + found.size() + " found in the dead-letter topics: " + found);
            }
        }
        Map<String, List<String>> checked = invariants.check(ledger);
        diagnoseOrder(checked);
        long unexpected = load.unexpected.get() - unexpectedBefore;
        if (unexpected > 0) {
            List<String> answers = load.unexpectedAnswers();
            problems.add(unexpected + " unexpected answers, e.g. " + answers.subList(Math.max(0, answers.size() - 3), answers.size()));
        }
        if (client.unresolved.sum() > 0) {
            problems.add(client.unresolved.sum() + " requests without a definitive answer");
        }
        Result result = new Result(scenario, round, faultAfter, fault, load.requestsAnswered() - answeredBefore,
                duringFault.get(), catchUp, checked, problems);
        lines.add(String.format("%-30s %d  fault after %5d ms: %s", scenario, round, faultAfter, fault));
        lines.add(String.format("    %d requests answered (%d while the fault lasted), lag zero %d ms after the load stopped; %s",
                result.answered(), result.answeredWhileFaulted(), catchUp, result.passed() ? "all invariants hold" : "FAILED"));
        checked.forEach((name, violations) -> lines.add("    " + name + ": " + (violations.isEmpty() ? "holds" : "VIOLATED " + violations)));
        problems.forEach(p -> lines.add("    problem: " + p));
        return result;
    }

    /**
     * With several instances of a service, what each did since its last start: budget- and indicator-service the
     * requests it answered ({@code http_server_requests}), scoring-service the events it applied from its share of
     * the partitions. An instance that did nothing would mean the load was never spread over it.
     */
    private void instancesServed(Outcome outcome) {
        for (Service service : List.of(Service.BUDGET, Service.INDICATOR, Service.SCORING)) {
            List<java.net.URI> urls = stack.instanceUrls(service);
            if (urls.size() < 2) {
                continue;
            }
            boolean requests = service != Service.SCORING;
            String counter = requests ? "http_server_requests_seconds_count" : "scoring_events_applied_total";
            List<String> done = new ArrayList<>();
            for (java.net.URI url : urls) {
                long count = Faults.counted(url, counter);
                done.add(url.getPort() + ": " + count);
                if (count == 0) {
                    outcome.problems().add(service.module() + " at " + url + (requests ? " answered no request" : " applied no event")
                            + " since its last start: the load was not spread over it");
                }
            }
            lines.add(service.module() + " instances, " + (requests ? "API requests answered" : "events applied")
                    + " since their last start: " + done);
        }
    }

    /** An order violation names a project: what its records on budget.events are, around the sequences named. */
    private void diagnoseOrder(Map<String, List<String>> checked) {
        List<String> order = checked.get("I4 order");
        if (order == null || order.isEmpty()) {
            return;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("budget (\\S+): sequence (\\d+)").matcher(order.get(0));
        if (m.find()) {
            long sequence = Long.parseLong(m.group(2));
            List<String> records = faults.budgetRecordsOf(m.group(1)).stream().filter(r -> {
                String[] parts = r.split(":");
                return parts.length > 1 && !parts[1].equals("unreadable") && Math.abs(Long.parseLong(parts[1]) - sequence) <= 3;
            }).toList();
            List<String> with = new ArrayList<>(order);
            with.add("its records on budget.events (partition@offset:sequence:event id) near sequence " + sequence + ": " + records);
            checked.put("I4 order", with);
        }
    }

    private String lagOrError() {
        try {
            return invariants.lag() + " events behind";
        } catch (Exception e) {
            return e.toString();
        }
    }

    private String inject(String scenario, Runnable meanwhile) {
        if (scenario.startsWith("kill-")) {
            // any supervised process by name: budget-service, budget-service-2 (--instances), kafka, postgres, …
            String told = faults.kill(scenario.substring("kill-".length()));
            meanwhile.run();
            return told;
        }
        return switch (scenario) {
            case "pause-relay-holder" -> {
                String told = faults.pauseRelayHolder(options.pause());
                meanwhile.run();
                yield told;
            }
            case "kafka-down" -> faults.stopKafka(options.kafkaOutage(), meanwhile);
            case "postgres-immediate" -> faults.stopPostgresImmediately(options.postgresOutage(), meanwhile);
            case "append-held-past-gap-timeout" -> {
                String told = faults.holdAppendTransaction(options.hold());
                meanwhile.run();
                yield told;
            }
            case "lost-acks-postgres" -> lostAcknowledgements(postgresProxy, "budget-service to PostgreSQL", meanwhile);
            case "lost-acks-kafka" -> lostAcknowledgements(kafkaProxy, "every Kafka client (relays, consumers) to the broker", meanwhile);
            case "poison-records" -> {
                String victim = load.projectIds().get(schedule.nextInt(load.projectIds().size()));
                int sent = faults.poison(poisonMarker(currentRound), victim);
                meanwhile.run();
                yield sent + " poison records (bad JSON, unknown type on both topics; a conflict with " + victim + "'s sequence 0)";
            }
            case "rebuild-under-load" -> {
                String told = faults.startRebuild(admin);
                meanwhile.run();
                yield told;
            }
            default -> throw new IllegalArgumentException("unknown scenario " + scenario + "; known: " + SCENARIOS);
        };
    }

    private int currentRound = 1;

    private String lostAcknowledgements(TcpProxy proxy, String between, Runnable meanwhile) {
        long t0 = System.nanoTime();
        long dropped;
        try {
            dropped = proxy.loseAcknowledgements(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        faults.awaitAllHealthy();
        meanwhile.run();
        return "answers from the server dropped for 1.5 s, " + between + " (" + dropped + " bytes), then every connection reset; "
                + "every service healthy after " + Faults.millis(t0) + " ms";
    }

    private String poisonMarker(int round) {
        return "poison-" + options.seed() + "-" + round;
    }

    /**
     * I5: every request whose first answer was ambiguous, and which a retry then answered, answers the same when sent
     * once more: the same fields, and {@code DUPLICATE} (a retry that recorded it first said {@code RECORDED}).
     */
    private List<String> ambiguityResolves() {
        Invariants.Violations v = new Invariants.Violations();
        List<Ledger.Resolved> resolved = ledger.resolvedAfterAmbiguity();
        for (Ledger.Resolved r : resolved) {
            Client.Answer again = client.post(r.path(), r.body());
            JsonNode before = Load.JSON.readTree(r.answer());
            JsonNode now = Load.JSON.readTree(again.body());
            Map<String, Object> b = withoutOutcome(before);
            Map<String, Object> n = withoutOutcome(now);
            if (again.status() != 200 || !"DUPLICATE".equals(now.path("outcome").asString()) || !b.equals(n)) {
                v.add(r.path() + ": answered " + r.status() + " " + r.answer() + " after the ambiguity, now " + again.status() + " " + again.body());
            }
        }
        lines.add("");
        lines.add("I5 ambiguity resolves: " + resolved.size() + " requests had an ambiguous first answer and were resolved by a retry; "
                + "each sent once more: " + (v.list().isEmpty() ? "the same answer, DUPLICATE" : "VIOLATED " + v.list()));
        return v.list();
    }

    private static Map<String, Object> withoutOutcome(JsonNode node) {
        Map<String, Object> fields = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            if (!e.getKey().equals("outcome")) {
                fields.put(e.getKey(), e.getValue().toString());
            }
        });
        return fields;
    }

    private void write(Outcome outcome) throws IOException {
        List<String> report = new ArrayList<>();
        report.add("# fault suite, seed " + options.seed() + " (replay: faults/run --seed " + options.seed() + ")");
        report.add("");
        report.add(String.format("%d scenarios run (%d rounds of %s): %s", outcome.results().size(), options.rounds(),
                options.scenarios().size(), outcome.passed() ? "every invariant held" : "FAILED"));
        report.add(String.format("load: %d workers on %d project-years; answered: %d payments, %d batches (%d items), %d reversals, "
                        + "%d refunds, %d increases, %d indicator actuals, %d refusals (422/409)",
                options.workers(), load.projectIds().size(), load.payments.sum(), load.batches.sum(), load.batchItems.sum(),
                load.reversals.sum(), load.refunds.sum(), load.adjustments.sum(), load.actuals.sum(), load.refusals.sum()));
        report.add(String.format("ledger: %s", Invariants.counts(ledger)));
        report.add(String.format("requests: %d, retries: %d, ambiguous first answers resolved: %d, unresolved: %d",
                client.requests.sum(), client.retries.sum(), client.ambiguous.sum(), client.unresolved.sum()));
        report.add("statuses seen (every attempt; -1 no answer): " + new java.util.TreeMap<>(client.statuses));
        new java.util.TreeMap<>(client.failures).forEach((status, samples) -> samples.forEach(x -> report.add("  a " + status + ": " + x)));
        outcome.problems().forEach(p -> report.add("problem: " + p));
        report.add("");
        report.addAll(lines);
        Files.createDirectories(options.report().toAbsolutePath().getParent());
        Files.writeString(options.report(), String.join("\n", report) + "\n", StandardCharsets.UTF_8);
        System.out.println("report: " + options.report());
    }

    // --- command line -------------------------------------------------------------------------------------------

    public static void main(String[] args) throws Exception {
        long seed = System.nanoTime();
        int rounds = -1;
        List<String> scenarios = SCENARIOS;
        Path report = Path.of("faults", "target", "fault-report.txt");
        boolean brief = false;
        Duration soak = null;
        double rate = 0;
        Map<Service, Integer> instances = Map.of();
        boolean twoOfEverything = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--scenarios" -> scenarios = List.of(args[++i].split(","));
                case "--instances" -> instances = StackConfig.parseInstances(args[++i]);
                case "--two-of-everything" -> twoOfEverything = true;
                case "--report" -> report = Path.of(args[++i]);
                case "--short" -> brief = true;
                case "--soak" -> soak = Soak.duration(args[++i]);
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: FaultSuite [--seed N] [--rounds N] [--scenarios a,b] [--instances budget=2,...] [--report FILE] [--short]"
                        + " | --two-of-everything | --soak 30m [--rate N]");
            }
        }
        Path root = Path.of("").toAbsolutePath();
        Path var = Files.createTempDirectory("jixiao-faults-");
        boolean passed;
        try {
            if (soak != null) {
                passed = Soak.run(root, var, soak, rate, seed, report.resolveSibling("soak-report.txt")).passed();
            } else {
                Options base = twoOfEverything ? Options.twoOfEverything(seed, report)
                        : brief ? Options.brief(seed, report) : Options.full(seed, report);
                Options options = new Options(base.seed(), rounds > 0 ? rounds : base.rounds(),
                        twoOfEverything && scenarios == SCENARIOS ? base.scenarios() : scenarios, base.workers(),
                        base.projectsPerWorker(), base.kafkaOutage(), base.postgresOutage(), base.hold(), base.pause(), report,
                        instances.isEmpty() ? base.instances() : instances);
                passed = run(root, var, options).passed();
                System.out.println(passed ? "every invariant held" : "FAILED: see " + report);
            }
        } finally {
            deleteTree(var);
        }
        System.exit(passed ? 0 : 1);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
