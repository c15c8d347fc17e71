package io.jixiao.budget.transfer;

import io.jixiao.budget.projectyear.AllocateInitialBudget;
import io.jixiao.budget.projectyear.CloseYear;
import io.jixiao.budget.projectyear.OpenYear;
import io.jixiao.budget.projectyear.Outcome;
import io.jixiao.budget.projectyear.ProjectYearHistory;
import io.jixiao.budget.projectyear.RecordExpenditure;
import io.jixiao.budget.projectyear.RegisterProjectYear;
import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.budget.AdjustmentKind;
import io.jixiao.contracts.budget.BudgetAdjusted;
import io.jixiao.platform.domain.DomainException;
import io.jixiao.testing.TestPostgres;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Budget is conserved by 调剂, whatever happens: random sequences of transfers between random project-years and
 * between fund sources, refused for every reason (a side not open, closed, short of budget, a reused key), retried,
 * sent concurrently, and interrupted after any step and then carried on by a retry or by recovery after a restart
 * (the aggregate cache dropped). Afterwards the sum of full-year budgets is what was allocated, every transfer has
 * reached one end, both sides' histories say the same end, each side's budget equals a ledger kept by the test from
 * the answers it got, and every retry got the first answer again. Seeded: a failure names its seed, which replays it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "jixiao.transfers.recovery-interval=1h"})
@EmbeddedKafka(partitions = 1)
class TransferConservationTest {

    private static final int YEAR = 2025;
    private static final LocalDate JUL_1 = LocalDate.of(YEAR, 7, 1);
    private static final FundSource[] SOURCES = {FundSource.CURRENT_YEAR_APPROPRIATION, FundSource.OTHER_FUNDS};

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, "budget_transfer_test");
    }

    @Autowired
    CommandGateway commands;
    @Autowired
    TransferProcess process;
    @Autowired
    TransferRecovery recovery;
    @Autowired
    ProjectYearHistory history;
    @Autowired
    EventStore events;
    @Autowired
    @Qualifier("projectYearCache")
    Cache projectYearCache;
    @Autowired
    ScheduledTaskHolder schedules;

    /** The answer a caller got: RECORDED, DUPLICATE, or a refusal's status and code. */
    private static String answer(Callable<Outcome> call) {
        try {
            return call.call().name();
        } catch (DomainException refused) {
            return io.jixiao.platform.web.ProblemAdvice.status(refused).value() + " " + refused.code() + " " + refused.getMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** What the test believes, from the answers alone. */
    private final class World {
        final Random random;
        final String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        final List<String> projects = new ArrayList<>();
        final Map<String, Map<FundSource, BigDecimal>> budget = new HashMap<>();
        final Map<String, Map<FundSource, BigDecimal>> paid = new HashMap<>();
        final Map<String, String> status = new HashMap<>();
        final Map<String, TransferRequest> transfers = new LinkedHashMap<>();
        final Map<String, String> firstAnswer = new HashMap<>();
        final List<TransferRequest> interrupted = new ArrayList<>();
        BigDecimal allocated = BigDecimal.ZERO.setScale(2);
        int counter;
        int interruptions;
        int recovered;

        World(long seed) {
            random = new Random(seed);
        }

        void register(int count) {
            for (int i = 0; i < count; i++) {
                String code = "C" + run + i;
                String id = YEAR + "-" + code;
                commands.sendAndWait(new RegisterProjectYear(id, code, "项目" + i, "主管部门", "实施单位", YEAR, "shanghai-2023"));
                Map<FundSource, BigDecimal> budgets = new EnumMap<>(FundSource.class);
                for (FundSource source : SOURCES) {
                    BigDecimal amount = cents(10_000, 200_000);
                    commands.sendAndWait(new AllocateInitialBudget(id, source, Money.of(amount.toPlainString()), "d"));
                    budgets.put(source, amount);
                    allocated = allocated.add(amount);
                }
                budget.put(id, budgets);
                paid.put(id, new EnumMap<>(FundSource.class));
                status.put(id, "REGISTERED");
                projects.add(id);
                if (i < count - 1) {
                    open(id);
                }
            }
        }

        BigDecimal cents(int from, int to) {
            return BigDecimal.valueOf(from + random.nextInt(to - from), 2);
        }

        String anyProject() {
            return projects.get(random.nextInt(projects.size()));
        }

        FundSource anySource() {
            return SOURCES[random.nextInt(SOURCES.length)];
        }

        void open(String id) {
            commands.sendAndWait(new OpenYear(id));
            status.put(id, "OPEN");
        }

        TransferRequest newTransfer(boolean crossProject) {
            String from = anyProject();
            String to = anyProject();
            while (crossProject && to.equals(from)) {
                to = anyProject();
            }
            FundSource fromSource = anySource();
            FundSource toSource = anySource();
            if (from.equals(to) && fromSource == toSource) {
                toSource = fromSource == SOURCES[0] ? SOURCES[1] : SOURCES[0];
            }
            // now and then a key the sender already used for another transfer: a 409 from the sender
            String key = !transfers.isEmpty() && random.nextInt(12) == 0
                    ? transfers.values().iterator().next().adjustmentId() : "T" + (++counter);
            BigDecimal amount = cents(1, 150_000);
            return new TransferRequest(key, new TransferRequest.Side(from, fromSource), new TransferRequest.Side(to, toSource),
                    Money.of(amount.toPlainString()), "调剂", "d", JUL_1, false);
        }

        String key(TransferRequest request) {
            return request.transferId() + "|" + request.from().fundSource() + "|" + request.to() + "|" + request.amount();
        }

        /** A transfer sent by a caller, answered; the ledger moves on RECORDED only. */
        void send(TransferRequest request) {
            settle(request, answer(() -> process.transfer(request)), false);
        }

        /**
         * Checks an answer against the first one under the same key and keeps the ledger. {@code mayBeDone}: the
         * caller vanished before its answer, so recovery may have completed the transfer, answered DUPLICATE.
         */
        void settle(TransferRequest request, String answer, boolean mayBeDone) {
            String key = key(request);
            String first = firstAnswer.get(key);
            boolean withinOneProject = request.from().projectId().equals(request.to().projectId());
            if (first == null || (withinOneProject && !first.equals("RECORDED"))) {
                // within one project-year a refusal leaves no trace, so a retry is decided afresh, like a payment
                if (answer.equals("DUPLICATE")) {
                    assertThat(mayBeDone).as("a first answer DUPLICATE for " + key).isTrue();
                    answer = "RECORDED";
                }
                firstAnswer.put(key, answer);
                transfers.put(key, request);
                if (answer.equals("RECORDED")) {
                    move(request);
                }
            } else {
                assertThat(answer).as("a retry of " + key + " answers what the first call answered")
                        .isEqualTo(first.equals("RECORDED") ? "DUPLICATE" : first);
            }
        }

        void move(TransferRequest request) {
            BigDecimal amount = new BigDecimal(request.amount().toString());
            budget.get(request.from().projectId()).merge(request.from().fundSource(), amount.negate(), BigDecimal::add);
            budget.get(request.to().projectId()).merge(request.to().fundSource(), amount, BigDecimal::add);
        }

        /** A cross-project transfer whose caller vanished after {@code steps} of its steps: a crash. */
        void interrupt(int steps) {
            TransferRequest request = newTransfer(true);
            if (firstAnswer.containsKey(key(request))) {
                return;
            }
            try {
                commands.sendAndWait(new StartTransfer(request.transferId(), request));
                if (steps > 1) {
                    commands.sendAndWait(TransferProcess.half(request, AdjustmentKind.TRANSFER_OUT));
                }
                if (steps > 2) {
                    commands.sendAndWait(new RecordTransferStep(request.transferId(), RecordTransferStep.Step.DEBITED, null));
                }
                if (steps > 3) {
                    commands.sendAndWait(TransferProcess.half(request, AdjustmentKind.TRANSFER_IN));
                }
            } catch (DomainException refusedBeforeTheCrash) {
                // the side refused; the process never recorded it: carrying on meets the same refusal (or a later one)
            }
            interrupted.add(request);
            interruptions++;
        }

        /** A retry by the vanished caller: its first answer. */
        void retryInterrupted() {
            if (!interrupted.isEmpty()) {
                TransferRequest request = interrupted.remove(random.nextInt(interrupted.size()));
                settle(request, answer(() -> process.transfer(request)), true);
            }
        }

        /** The service restarts: its caches are gone; recovery carries on every interrupted transfer. */
        void restart() {
            projectYearCache.removeAll();
            recovered += recovery.recoverOlderThan(Duration.ZERO);
            for (TransferRequest request : interrupted) {
                // the caller comes back later and retries: the answer is the end recovery reached
                settle(request, answer(() -> process.transfer(request)), true);
            }
            interrupted.clear();
        }

        void pay() {
            String id = anyProject();
            FundSource source = anySource();
            BigDecimal amount = cents(1, 120_000);
            String answer = answer(() -> commands.sendAndWait(new RecordExpenditure(id, "P" + (++counter), source,
                    Money.of(amount.toPlainString()), JUL_1, "某公司", "V")));
            if (answer.equals("RECORDED")) {
                paid.get(id).merge(source, amount, BigDecimal::add);
            }
        }

        void concurrentRetries() throws Exception {
            TransferRequest request = newTransfer(random.nextBoolean());
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<String>> answers = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    answers.add(pool.submit(() -> answer(() -> process.transfer(request))));
                }
                List<String> got = new ArrayList<>();
                for (Future<String> answer : answers) {
                    got.add(answer.get());
                }
                if (got.contains("RECORDED")) {
                    assertThat(got).as("concurrent sends of one transfer: one records it, the others see it done")
                            .containsOnlyOnce("RECORDED").filteredOn(a -> !a.equals("RECORDED")).containsOnly("DUPLICATE");
                    settle(request, "RECORDED", false);
                } else {
                    assertThat(got).as("concurrent sends of one transfer get one answer").containsOnly(got.get(0));
                    settle(request, got.get(0), false);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** Recovery looks every jixiao.transfers.recovery-interval (1h here), as bound into BudgetProperties. */
    @Test
    void recoveryRunsAtTheConfiguredInterval() {
        assertThat(schedules.getScheduledTasks()).map(ScheduledTask::getTask)
                .filteredOn(task -> task.toString().endsWith("TransferRecovery.carryOnInterrupted"))
                .singleElement().isInstanceOfSatisfying(FixedDelayTask.class, task -> {
                    assertThat(task.getIntervalDuration()).isEqualTo(Duration.ofHours(1));
                    assertThat(task.getInitialDelayDuration()).isEqualTo(Duration.ofHours(1));
                });
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 20251231})
    void transfersConserveBudgetWhateverHappens(long seed) throws Exception {
        World world = new World(seed);
        world.register(5);
        for (int step = 0; step < 70; step++) {
            int dice = world.random.nextInt(100);
            if (dice < 40) {
                world.send(world.newTransfer(world.random.nextInt(4) != 0));
            } else if (dice < 52) {
                List<TransferRequest> sent = new ArrayList<>(world.transfers.values());
                if (!sent.isEmpty()) {
                    world.send(sent.get(world.random.nextInt(sent.size())));
                }
            } else if (dice < 62) {
                world.interrupt(1 + world.random.nextInt(4));
            } else if (dice < 67) {
                world.retryInterrupted();
            } else if (dice < 72) {
                world.restart();
            } else if (dice < 82) {
                world.pay();
            } else if (dice < 86) {
                world.concurrentRetries();
            } else if (dice < 93) {
                String id = world.anyProject();
                if (world.status.get(id).equals("REGISTERED")) {
                    world.open(id);
                }
            } else {
                String id = world.anyProject();
                if (world.status.get(id).equals("OPEN")) {
                    commands.sendAndWait(new CloseYear(id, LocalDate.of(YEAR, 12, 31)));
                    world.status.put(id, "CLOSED");
                }
            }
        }
        world.restart();
        assertConserved(world, seed);
        System.out.printf("seed %d: %d transfers, %d interrupted, %d carried on by recovery%n", seed, world.transfers.size(),
                world.interruptions, world.recovered);
    }

    private void assertConserved(World world, long seed) {
        String as = "seed " + seed;
        BigDecimal sum = BigDecimal.ZERO.setScale(2);
        Map<String, List<BudgetAdjusted>> adjustments = new HashMap<>();
        for (String id : world.projects) {
            ProjectYearHistory.Position position = history.position(id, null);
            sum = sum.add(new BigDecimal(position.total().fullYear().toString()));
            for (FundSource source : SOURCES) {
                assertThat(new BigDecimal(position.sources().get(source).fullYear().toString()))
                        .as(as + ": the full-year budget of " + id + " " + source + " is what the answers moved")
                        .isEqualByComparingTo(world.budget.get(id).get(source));
            }
            List<BudgetAdjusted> own = new ArrayList<>();
            events.readEvents(id, 0).asStream().map(m -> m.getPayload()).filter(BudgetAdjusted.class::isInstance)
                    .map(BudgetAdjusted.class::cast).forEach(own::add);
            adjustments.put(id, own);
        }
        assertThat(sum).as(as + ": budget is conserved").isEqualByComparingTo(world.allocated);
        for (Map.Entry<String, TransferRequest> sent : world.transfers.entrySet()) {
            TransferRequest request = sent.getValue();
            boolean recorded = world.firstAnswer.get(sent.getKey()).equals("RECORDED");
            if (request.from().projectId().equals(request.to().projectId())) {
                continue; // one command on one aggregate: covered by the budget comparison above
            }
            TransferState state = commands.sendAndWait(new ContinueTransfer(request.transferId()));
            if (!state.request().equals(request)) {
                continue; // a reused key: this request was refused as a conflict, the transfer is another one's
            }
            assertThat(state.status()).as(as + ": " + request.transferId() + " reached an end")
                    .isEqualTo(recorded ? TransferStatus.COMPLETED : TransferStatus.REFUSED);
            long out = count(adjustments, request.from(), request.adjustmentId(), AdjustmentKind.TRANSFER_OUT, request.to());
            long in = count(adjustments, request.to(), request.adjustmentId(), AdjustmentKind.TRANSFER_IN, request.from());
            long back = count(adjustments, request.from(), request.returnAdjustmentId(), AdjustmentKind.TRANSFER_IN, request.to());
            if (recorded) {
                assertThat(List.of(out, in, back)).as(as + ": both halves of " + request.transferId() + ", once").containsExactly(1L, 1L, 0L);
            } else {
                assertThat(in).as(as + ": the receiver of refused " + request.transferId() + " has nothing").isZero();
                assertThat(back).as(as + ": the sender of refused " + request.transferId() + " got back what it gave").isEqualTo(out);
            }
        }
        assertThat(world.transfers).as(as + ": the run exercised transfers").hasSizeGreaterThan(10);
        assertThat(world.interruptions).as(as + ": the run interrupted transfers").isPositive();
        assertThat(world.firstAnswer.values()).as(as + ": transfers were refused as well as recorded")
                .anyMatch(a -> a.equals("RECORDED")).anyMatch(a -> a.startsWith("422"));
    }

    /** How often {@code side}'s history holds this half of a transfer with {@code other}. */
    private static long count(Map<String, List<BudgetAdjusted>> adjustments, TransferRequest.Side side, String adjustmentId,
                              AdjustmentKind kind, TransferRequest.Side other) {
        return adjustments.get(side.projectId()).stream().filter(a -> a.adjustmentId().equals(adjustmentId) && a.kind() == kind
                && a.fundSource() == side.fundSource() && other.projectId().equals(a.counterpartProjectId())
                && a.counterpartFundSource() == other.fundSource()).count();
    }
}
