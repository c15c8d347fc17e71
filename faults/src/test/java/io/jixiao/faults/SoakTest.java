package io.jixiao.faults;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The soak's arithmetic: its durations, and the slope it judges memory by. */
class SoakTest {

    @Test
    void durationsAreMinutesUnlessSaidOtherwise() {
        assertThat(Soak.duration("30")).isEqualTo(Duration.ofMinutes(30));
        assertThat(Soak.duration("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(Soak.duration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Soak.duration("2h")).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void theSlopeIsTheLeastSquaresLineThroughTheSamples() {
        assertThat(Soak.slope(List.of(new double[]{0, 100}, new double[]{1, 102}, new double[]{2, 104}))).isCloseTo(2.0, within(1e-9));
        // flat with noise around it
        assertThat(Soak.slope(List.of(new double[]{0, 100}, new double[]{1, 103}, new double[]{2, 97}, new double[]{3, 100})))
                .isCloseTo(-0.6, within(1e-9));
        assertThat(Soak.slope(List.of(new double[]{0, 100}))).isZero();
    }
}
