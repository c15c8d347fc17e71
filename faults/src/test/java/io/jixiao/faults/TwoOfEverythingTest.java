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
            String report = FaultSuiteTest.assertEveryInvariantHeld(outcome, FaultSuite.TWO_OF_EVERYTHING.size());
            assertThat(report).contains("budget-service instances, API requests answered", "scoring-service instances, events applied");
        } finally {
            FaultSuite.deleteTree(var);
        }
    }
}
