package io.jixiao.faults;

import io.jixiao.deploy.Service;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The short form of the fault suite, as {@code ./mvnw verify} runs it: every scenario once, on a stack of its own,
 * the seed printed (and set with {@code -Djixiao.faults.seed} to replay a failing run). The report goes to
 * {@code target/fault-report.txt}.
 */
class FaultSuiteTest {

    @Test
    void everyScenarioOnceAndEveryInvariantHolds() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        assumeThat(Service.values()).allMatch(s -> s.findJar(root).isPresent() || System.getenv("CI") != null);
        long seed = Long.getLong("jixiao.faults.seed", System.nanoTime());
        Path var = Files.createTempDirectory("jixiao-faults-");
        try {
            FaultSuite.Outcome outcome = FaultSuite.run(root, var, FaultSuite.Options.brief(seed, Path.of("target", "fault-report.txt")));
            assertEveryInvariantHeld(outcome, FaultSuite.SCENARIOS.size());
        } finally {
            FaultSuite.deleteTree(var);
        }
    }

    /**
     * Every scenario ran, saw answers before and after its fault, and left every invariant holding; no ambiguous
     * answer resolved differently, and nothing else went wrong. The report is the message of any failure.
     */
    static String assertEveryInvariantHeld(FaultSuite.Outcome outcome, int scenarios) throws java.io.IOException {
        String report = Files.readString(outcome.report());
        assertThat(outcome.results()).as(report).hasSize(scenarios);
        assertThat(outcome.results()).as(report).allSatisfy(r -> {
            assertThat(r.problems()).as(r.scenario()).isEmpty();
            assertThat(r.invariants()).as(r.scenario()).allSatisfy((name, violations) -> assertThat(violations).as(name).isEmpty());
            // the load ran through every scenario: each saw answers, before and after its fault
            assertThat(r.answered()).as(r.scenario()).isGreaterThan(20);
        });
        assertThat(outcome.i5()).as(report).isEmpty();
        assertThat(outcome.problems()).as(report).isEmpty();
        return report;
    }
}
