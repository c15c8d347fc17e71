package io.jixiao.faults;

import io.jixiao.faults.Client.Answer;
import io.jixiao.faults.Ledger.Fact;
import io.jixiao.faults.Ledger.Kind;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The payment load: a few finance systems (workers), each posting to project-years of its own, one request at a time,
 * the way a system that must know the outcome of each posts. A worker mixes single payments, batches, reversals,
 * refunds, budget increases, indicator actuals, and requests that must be refused (a payment beyond its fund source's
 * budget, a known reference with another amount). Every definitive answer goes into the {@link Ledger}.
 *
 * <p>Each worker draws from its own {@code Random}, seeded from the suite's seed and its number, so a run's requests
 * replay with the seed (their timing against the faults does not: that is the machine's).
 */
final class Load {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final int FISCAL_YEAR = 2026;
    static final String BUSINESS_DATE = "2026-06-30";
    static final String BIG = "OTHER_FUNDS";
    /** A fund source with a budget of 100.00, for payments that must be refused. */
    static final String SMALL = "CURRENT_YEAR_APPROPRIATION";
    static final String INDICATOR = "F1";

    private final Client client;
    private final Ledger ledger;
    private final String run;
    private final long seed;
    private final int workers;
    private final int projectsPerWorker;
    private final List<List<String>> projects = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    /** Kept from one start to the next: their payments and the numbering of their keys go on. */
    private final List<Worker> workerStates = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    /** The time from one request's start to the next one's, per worker, in ns; 0 posts flat out. */
    private volatile long intervalNanos;

    final LongAdder payments = new LongAdder();
    final LongAdder batches = new LongAdder();
    final LongAdder batchItems = new LongAdder();
    final LongAdder reversals = new LongAdder();
    final LongAdder refunds = new LongAdder();
    final LongAdder adjustments = new LongAdder();
    final LongAdder actuals = new LongAdder();
    final LongAdder refusals = new LongAdder();
    final AtomicLong unexpected = new AtomicLong();
    private final List<String> unexpectedAnswers = java.util.Collections.synchronizedList(new ArrayList<>());

    Load(Client client, Ledger ledger, String run, long seed, int workers, int projectsPerWorker) {
        this.client = client;
        this.ledger = ledger;
        this.run = run;
        this.seed = seed;
        this.workers = workers;
        this.projectsPerWorker = projectsPerWorker;
    }

    /** Registers, budgets and opens each worker's project-years, with one indicator each. */
    void prepare() {
        for (int w = 0; w < workers; w++) {
            List<String> own = new ArrayList<>();
            for (int p = 0; p < projectsPerWorker; p++) {
                own.add(openProject("FLT" + run + "W" + w + "P" + p, true));
            }
            projects.add(own);
        }
    }

    /**
     * Project-years outside the load, each given {@code paymentsEach} payments of 0.01 in batches of 1,000: they fill
     * budget-service's aggregate cache. Not in {@link #projectIds()} and not in the ledger. Returns the payments made.
     */
    long fill(String prefix, int projectYears, int paymentsEach) {
        long made = 0;
        for (int n = 0; n < projectYears; n++) {
            String id = openProject(prefix + run + "F" + n, false);
            for (int done = 0; done < paymentsEach; ) {
                int size = Math.min(1000, paymentsEach - done);
                List<String> items = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    items.add("{\"projectId\":\"" + id + "\"," + payment("F-" + id + "-" + (done + i), BIG, new BigDecimal("0.01")).substring(1));
                }
                Answer a = expect(client.post("/api/budget/expenditures/batch", "{\"payments\":[" + String.join(",", items) + "]}"),
                        "filling batch of " + id);
                JsonNode result = JSON.readTree(a.body());
                if (result.path("accepted").asInt() + result.path("duplicates").asInt() != size) {
                    throw new IllegalStateException("filling batch of " + id + " not accepted whole: " + a.body());
                }
                done += size;
                made += size;
            }
        }
        return made;
    }

    List<String> projectIds() {
        return projects.stream().flatMap(List::stream).toList();
    }

    /** @param inLedger whether its initial budgets go into the ledger (not for project-years outside the load) */
    private String openProject(String code, boolean inLedger) {
        Answer registered = expect(client.post("/api/budget/projects", """
                {"code":"%s","name":"故障测试 %s","department":"bench","implementingUnit":"bench","fiscalYear":%d}"""
                .formatted(code, code, FISCAL_YEAR)), "register " + code);
        String id = JSON.readTree(registered.body()).path("projectId").asString();
        allocate(id, BIG, "900000000000.00", inLedger);
        allocate(id, SMALL, "100.00", inLedger);
        expect(client.post("/api/budget/projects/" + id + "/open", null), "open " + id);
        expect(client.post("/api/indicators/projects/" + id + "/indicators", """
                {"indicatorId":"%s","level1":"产出指标","level2":"数量指标","level3":"完成率","target":"≥90(%%)","weight":"10.00"}"""
                .formatted(INDICATOR)), "indicator of " + id);
        return id;
    }

    private void allocate(String id, String source, String amount, boolean inLedger) {
        String document = "INIT-" + id + "-" + source;
        expect(client.post("/api/budget/projects/" + id + "/initial-budgets", """
                {"fundSource":"%s","amount":"%s","documentNumber":"%s"}""".formatted(source, amount, document)),
                "initial budget " + id);
        if (inLedger) {
            ledger.accept(new Fact(Kind.INITIAL, id, source, document, new BigDecimal(amount), BigDecimal.ZERO.setScale(2)));
        }
    }

    private static Answer expect(Answer a, String what) {
        if (!a.ok()) {
            throw new IllegalStateException(what + " -> " + a.status() + ": " + a.body());
        }
        return a;
    }

    /** Starts the workers flat out; they post until {@link #stop}. */
    void start() {
        start(0);
    }

    /** Starts the workers, each starting a request every {@code intervalNanos} (0: flat out), until {@link #stop}. */
    void start(long intervalNanos) {
        this.intervalNanos = intervalNanos;
        stopping.set(false);
        threads.clear();
        for (int w = 0; w < workers; w++) {
            if (workerStates.size() <= w) {
                workerStates.add(new Worker(w, projects.get(w), new Random(seed * 31 + w)));
            }
            Worker worker = workerStates.get(w);
            Thread t = new Thread(worker, "load-" + w);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** Lets every worker finish its request (retries included) and returns once all have. */
    void stop() throws InterruptedException {
        stopping.set(true);
        for (Thread t : threads) {
            t.join(Client.GIVE_UP.toMillis() + 60_000);
        }
    }

    List<Throwable> failures() {
        return List.copyOf(failures);
    }

    List<String> unexpectedAnswers() {
        synchronized (unexpectedAnswers) {
            return List.copyOf(unexpectedAnswers);
        }
    }

    long requestsAnswered() {
        return payments.sum() + batches.sum() + reversals.sum() + refunds.sum() + adjustments.sum() + actuals.sum()
                + refusals.sum();
    }

    /** A payment this worker made, and what is left of it. */
    private static final class Paid {
        final String projectId;
        final String reference;
        BigDecimal left;
        int refunds;

        Paid(String projectId, String reference, BigDecimal amount) {
            this.projectId = projectId;
            this.reference = reference;
            this.left = amount;
        }
    }

    private final class Worker implements Runnable {
        private final int number;
        private final List<String> own;
        private final Random random;
        private final List<Paid> paid = new ArrayList<>();
        private long n;

        Worker(int number, List<String> own, Random random) {
            this.number = number;
            this.own = own;
            this.random = random;
        }

        @Override
        public void run() {
            try {
                long next = System.nanoTime();
                while (!stopping.get()) {
                    step();
                    long interval = intervalNanos;
                    if (interval > 0) {
                        // a fixed schedule: a slow answer is not made up for by a burst, only by the slots it left
                        next = Math.max(next + interval, System.nanoTime() - interval);
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                    }
                }
            } catch (Throwable e) {
                failures.add(e);
            }
        }

        private String key(String kind) {
            return kind + "-" + run + "-" + number + "-" + (n++) + "-" + seed;
        }

        private String project() {
            return own.get(random.nextInt(own.size()));
        }

        /** 0.01 to 999.99 元, in fen. */
        private BigDecimal amount() {
            return BigDecimal.valueOf(1 + random.nextInt(99_999), 2);
        }

        private void step() {
            int roll = random.nextInt(100);
            if (roll < 50) {
                pay();
            } else if (roll < 60) {
                batch();
            } else if (roll < 68) {
                reverse();
            } else if (roll < 76) {
                refund();
            } else if (roll < 84) {
                increase();
            } else if (roll < 94) {
                actual();
            } else {
                refused();
            }
        }

        private void pay() {
            String project = project();
            String reference = key("P");
            BigDecimal amount = amount();
            Answer a = client.post("/api/budget/projects/" + project + "/expenditures", payment(reference, BIG, amount));
            if (recorded(a, "/api/budget/projects/" + project + "/expenditures", payment(reference, BIG, amount))) {
                ledger.accept(new Fact(Kind.PAYMENT, project, BIG, reference, zero(), amount));
                paid.add(new Paid(project, reference, amount));
                payments.increment();
            }
        }

        private void batch() {
            int size = 2 + random.nextInt(29);
            List<String> items = new ArrayList<>();
            List<Paid> these = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                String project = project();
                String reference = key("B");
                BigDecimal amount = amount();
                items.add("{\"projectId\":\"" + project + "\"," + payment(reference, BIG, amount).substring(1));
                these.add(new Paid(project, reference, amount));
            }
            String body = "{\"payments\":[" + String.join(",", items) + "]}";
            Answer a = client.post("/api/budget/expenditures/batch", body);
            if (a.status() != 200) {
                unexpected("batch", a);
                return;
            }
            JsonNode results = JSON.readTree(a.body()).path("results");
            for (int i = 0; i < these.size(); i++) {
                String outcome = results.path(i).path("outcome").asString();
                Paid item = these.get(i);
                if (outcome.equals("RECORDED") || outcome.equals("DUPLICATE")) {
                    ledger.accept(new Fact(Kind.PAYMENT, item.projectId, BIG, item.reference, zero(), item.left));
                    paid.add(item);
                } else {
                    unexpected("batch item " + i, new Answer(results.path(i).path("status").asInt(), results.path(i).toString(), a.attempts(), a.ambiguous()));
                }
            }
            batches.increment();
            batchItems.add(these.size());
        }

        private void reverse() {
            Paid p = openPayment();
            if (p == null) {
                pay();
                return;
            }
            String path = "/api/budget/projects/" + p.projectId + "/expenditures/" + p.reference + "/reversal";
            String body = "{\"businessDate\":\"" + BUSINESS_DATE + "\",\"reason\":\"冲销\"}";
            Answer a = client.post(path, body);
            if (recorded(a, path, body)) {
                ledger.accept(new Fact(Kind.REVERSAL, p.projectId, BIG, p.reference, zero(), p.left.negate()));
                p.left = zero();
                reversals.increment();
            }
        }

        private void refund() {
            Paid p = openPayment();
            if (p == null || p.left.compareTo(new BigDecimal("0.02")) < 0) {
                pay();
                return;
            }
            // at most half of what is left, at least a fen
            BigDecimal amount = p.left.divide(BigDecimal.valueOf(2), 2, java.math.RoundingMode.DOWN)
                    .max(new BigDecimal("0.01"));
            String reference = key("R");
            String path = "/api/budget/projects/" + p.projectId + "/expenditures/" + p.reference + "/refunds";
            String body = "{\"refundReference\":\"" + reference + "\",\"amount\":\"" + amount.toPlainString()
                    + "\",\"businessDate\":\"" + BUSINESS_DATE + "\",\"reason\":\"退款\"}";
            Answer a = client.post(path, body);
            if (recorded(a, path, body)) {
                ledger.accept(new Fact(Kind.REFUND, p.projectId, BIG, reference, zero(), amount.negate()));
                p.left = p.left.subtract(amount);
                p.refunds++;
                refunds.increment();
            }
        }

        private Paid openPayment() {
            List<Paid> open = paid.stream().filter(p -> p.left.signum() > 0).toList();
            return open.isEmpty() ? null : open.get(random.nextInt(open.size()));
        }

        private void increase() {
            String project = project();
            String id = key("A");
            BigDecimal amount = amount();
            String path = "/api/budget/projects/" + project + "/adjustments";
            String body = "{\"adjustmentId\":\"" + id + "\",\"kind\":\"INCREASE\",\"fundSource\":\"" + BIG + "\",\"amount\":\""
                    + amount.toPlainString() + "\",\"reason\":\"追加\",\"documentNumber\":\"" + id + "\",\"businessDate\":\""
                    + BUSINESS_DATE + "\"}";
            Answer a = client.post(path, body);
            if (recorded(a, path, body)) {
                ledger.accept(new Fact(Kind.ADJUSTMENT, project, BIG, id, amount, zero()));
                adjustments.increment();
            }
        }

        private void actual() {
            String project = project();
            String value = BigDecimal.valueOf(random.nextInt(10_001), 2).toPlainString() + "(%)";
            Answer a = client.put("/api/indicators/projects/" + project + "/indicators/" + INDICATOR + "/actual",
                    "{\"actual\":\"" + value + "\"}");
            if (a.ok()) {
                ledger.actual(project, INDICATOR, value);
                actuals.increment();
            } else {
                unexpected("actual", a);
            }
        }

        /** Two requests that must be refused and record nothing. */
        private void refused() {
            String project = project();
            if (random.nextBoolean() || paid.isEmpty()) {
                // beyond the 100.00 of its fund source
                String reference = key("X");
                Answer a = client.post("/api/budget/projects/" + project + "/expenditures",
                        payment(reference, SMALL, new BigDecimal("1000.00")));
                if (a.status() == 422) {
                    ledger.refuse(project, reference);
                    refusals.increment();
                } else {
                    unexpected("payment beyond budget", a);
                }
            } else {
                // a known reference with another amount
                Paid p = paid.get(random.nextInt(paid.size()));
                Answer a = client.post("/api/budget/projects/" + p.projectId + "/expenditures",
                        payment(p.reference, BIG, new BigDecimal("1000.01")));
                if (a.status() == 409) {
                    refusals.increment();
                } else {
                    unexpected("conflicting reference", a);
                }
            }
        }

        /** A 201 or a 200 DUPLICATE; a resolved ambiguity is noted for the check of I5. */
        private boolean recorded(Answer a, String path, String body) {
            if (a.status() == 201 || (a.status() == 200 && a.body().contains("\"DUPLICATE\""))) {
                if (a.ambiguous()) {
                    ledger.resolved(new Ledger.Resolved("POST", path, body, a.status(), a.body()));
                }
                return true;
            }
            unexpected(path, a);
            return false;
        }

        private void unexpected(String what, Answer a) {
            unexpected.incrementAndGet();
            unexpectedAnswers.add(what + " -> " + a.status() + ": " + a.body());
        }
    }

    static String payment(String reference, String source, BigDecimal amount) {
        return "{\"paymentReference\":\"" + reference + "\",\"fundSource\":\"" + source + "\",\"amount\":\""
                + amount.toPlainString() + "\",\"businessDate\":\"" + BUSINESS_DATE + "\",\"payee\":\"某公司\",\"voucherNumber\":\"记-1\"}";
    }

    private static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(2);
    }
}
