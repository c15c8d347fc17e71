package io.jixiao.contracts;

import io.jixiao.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** contracts, at the bottom of the layout, depends on nothing of ours (see {@link ArchitectureRules}). */
class ArchitectureTest {

    @Test
    void dependsOnNothingOfOurs() {
        ArchitectureRules.contractsStandAlone().check(ArchitectureRules.production("io.jixiao.contracts"));
    }
}
