package io.jixiao.faults;

import io.jixiao.deploy.Service;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Two instances of budget-, indicator- and scoring-service behind the gateway ({@code ./run --instances}), the load
 * posting through the gateway while each instance is killed in turn: every invariant holds after each kill, and
 * every instance served requests. The report goes to {@code target/two-of-everything-report.txt}.
 */
class TwoOfEverythingTest {

    @Test
    void everyInstanceKilledInTurnAndEveryInvariantHolds() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        assumeThat(Service.values()).allMatch(s -> s.findJar(root).isPresent() || System.getenv("CI") != null);
        long seed = Long.getLong("jixiao.faults.seed", System.nanoTime());
        Path var = Files.createTempDirectory("jixiao-two-");
        try {
            FaultSuite.Outcome outcome = FaultSuite.run(root, var,
                    FaultSuite.Options.twoOfEverything(seed, Path.of("target", "two-of-everything-report.txt")));
            String report = Files.readString(outcome.report());
            assertThat(outcome.results()).as(report).hasSize(FaultSuite.TWO_OF_EVERYTHING.size());
            assertThat(outcome.results()).as(report).allSatisfy(r -> {
                assertThat(r.problems()).as(r.scenario()).isEmpty();
                assertThat(r.invariants()).as(r.scenario()).allSatisfy((name, violations) -> assertThat(violations).as(name).isEmpty());
                assertThat(r.answered()).as(r.scenario()).isGreaterThan(20);
            });
            assertThat(report).contains("budget-service instances, API requests answered", "scoring-service instances, events applied");
            assertThat(outcome.i5()).as(report).isEmpty();
            assertThat(outcome.problems()).as(report).isEmpty();
        } finally {
            FaultSuite.deleteTree(var);
        }
    }
}
