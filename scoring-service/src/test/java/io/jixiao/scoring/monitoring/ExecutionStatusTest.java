package io.jixiao.scoring.monitoring;

import io.jixiao.scoring.rules.RuleSet;
import io.jixiao.scoring.rules.TimeElapsed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.MonthDay;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Green, yellow or red by the gap to 序时进度, under a rule set's tolerances. */
class ExecutionStatusTest {

    @ParameterizedTest(name = "rate {0} against {1}: {2}")
    @CsvSource({
            "50.00, 50.00, GREEN",
            "60.00, 50.00, GREEN",
            "45.00, 50.00, GREEN",   // 5 points below: still green
            "44.99, 50.00, YELLOW",
            "35.00, 50.00, YELLOW",  // 15 below: still yellow
            "34.99, 50.00, RED",
            "0.00, 24.65, RED"})
    void statusByTheGap(BigDecimal rate, BigDecimal benchmark, ExecutionStatus expected) {
        assertThat(ExecutionStatus.of(rate, benchmark, RuleSet.Progress.DEFAULT)).isEqualTo(expected);
    }

    @Test
    void tolerancesMustBeOrdered() {
        assertThatThrownBy(() -> new RuleSet.Progress(null, BigDecimal.TEN, BigDecimal.ONE, null))
                .hasMessageContaining("0 <= yellowFrom <= redFrom <= 100");
        assertThatThrownBy(() -> new RuleSet.Progress(null, new BigDecimal("-1"), BigDecimal.ONE, null))
                .hasMessageContaining("0 <= yellowFrom");
        assertThatThrownBy(() -> new RuleSet.Progress(null, BigDecimal.ONE, new BigDecimal("100.01"), null))
                .hasMessageContaining("<= 100");
    }

    @Test
    void tolerancesOfARuleSetMoveTheBoundaries() {
        RuleSet.Progress strict = new RuleSet.Progress(null, BigDecimal.ONE, new BigDecimal("3"), null);
        assertThat(ExecutionStatus.of(new BigDecimal("49.00"), new BigDecimal("50.00"), strict)).isEqualTo(ExecutionStatus.GREEN);
        assertThat(ExecutionStatus.of(new BigDecimal("48.99"), new BigDecimal("50.00"), strict)).isEqualTo(ExecutionStatus.YELLOW);
        assertThat(ExecutionStatus.of(new BigDecimal("46.99"), new BigDecimal("50.00"), strict)).isEqualTo(ExecutionStatus.RED);
    }

    @Test
    void progressDefaultsAndOrdersItsCheckpoints() {
        RuleSet.Progress given = new RuleSet.Progress(List.of(new TimeElapsed.Checkpoint(MonthDay.of(9, 30), new BigDecimal("75")),
                new TimeElapsed.Checkpoint(MonthDay.of(7, 31), new BigDecimal("40"))), null, null, List.of(MonthDay.of(12, 31), MonthDay.of(6, 30)));
        assertThat(given.checkpoints()).extracting(TimeElapsed.Checkpoint::date).containsExactly(MonthDay.of(7, 31), MonthDay.of(9, 30));
        assertThat(given.goalCheckpoints()).containsExactly(MonthDay.of(6, 30), MonthDay.of(12, 31));
        assertThat(given.yellowFrom()).isEqualByComparingTo("5");
        assertThat(RuleSet.Progress.DEFAULT.goalCheckpoints()).hasSize(4);
    }
}
