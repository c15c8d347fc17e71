package io.jixiao.scoring.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** 序时进度 by day, through checkpoints, and the green/yellow/red of a rate against it: exact, cut to 2 decimals. */
class TimeElapsedTest {

    @ParameterizedTest(name = "linear, fiscal year {1}: end of {0} -> {2} %")
    @CsvSource({
            "2023-01-01, 2023, 0.27",    // 1/365 = 0.2739...
            "2023-03-31, 2023, 24.65",   // 90/365 = 24.6575...: cut, not rounded up
            "2023-06-30, 2023, 49.58",   // 181/365 = 49.589...
            "2023-12-31, 2023, 100.00",
            "2024-06-30, 2024, 49.72",   // a leap year: 182/366 = 49.7267...
            "2022-12-31, 2023, 0.00",    // before the fiscal year
            "2024-01-15, 2023, 100.00"}) // after it
    void linearByDay(LocalDate date, int fiscalYear, String expected) {
        assertThat(TimeElapsed.linear().at(date, fiscalYear)).isEqualByComparingTo(expected).hasScaleOf(2);
    }

    @Test
    void quarterlyCheckpointsAtTheirDays() {
        TimeElapsed quarterly = TimeElapsed.quarterly();
        assertThat(quarterly.at(LocalDate.of(2023, 3, 31), 2023)).isEqualByComparingTo("25.00");
        assertThat(quarterly.at(LocalDate.of(2023, 6, 30), 2023)).isEqualByComparingTo("50.00");
        assertThat(quarterly.at(LocalDate.of(2023, 9, 30), 2023)).isEqualByComparingTo("75.00");
        assertThat(quarterly.at(LocalDate.of(2023, 2, 14), 2023)).isEqualByComparingTo("12.50");  // 25 × 45/90
        assertThat(quarterly.at(LocalDate.of(2023, 5, 15), 2023)).isEqualByComparingTo("37.36");  // 25 + 25 × 45/91 = 37.3626...
        assertThat(quarterly.at(LocalDate.of(2023, 11, 15), 2023)).isEqualByComparingTo("87.50"); // 75 + 25 × 46/92
        assertThat(quarterly.at(LocalDate.of(2023, 12, 31), 2023)).isEqualByComparingTo("100.00");
    }

    @Test
    void aJurisdictionsOwnCheckpoint() {
        // 40 % by the end of July, linear before and after it
        TimeElapsed july = new TimeElapsed(List.of(new TimeElapsed.Checkpoint(MonthDay.of(7, 31), new BigDecimal("40"))));
        assertThat(july.at(LocalDate.of(2023, 7, 31), 2023)).isEqualByComparingTo("40.00");
        assertThat(july.at(LocalDate.of(2023, 4, 11), 2023)).isEqualByComparingTo("19.05");  // 40 × 101/212 = 19.0566...
        assertThat(july.at(LocalDate.of(2023, 10, 31), 2023)).isEqualByComparingTo("76.07"); // 40 + 60 × 92/153 = 76.078...
    }

    @Test
    void checkpointsMustRiseAndBePercentages() {
        assertThatThrownBy(() -> new TimeElapsed(List.of(new TimeElapsed.Checkpoint(MonthDay.of(3, 31), new BigDecimal("30")),
                new TimeElapsed.Checkpoint(MonthDay.of(6, 30), new BigDecimal("20"))))).hasMessageContaining("must not fall");
        assertThatThrownBy(() -> new TimeElapsed.Checkpoint(MonthDay.of(3, 31), new BigDecimal("101"))).hasMessageContaining("0 to 100");
        assertThatThrownBy(() -> new TimeElapsed(List.of(new TimeElapsed.Checkpoint(MonthDay.of(3, 31), BigDecimal.ONE),
                new TimeElapsed.Checkpoint(MonthDay.of(3, 31), BigDecimal.TEN)))).hasMessageContaining("two checkpoints");
    }
}
