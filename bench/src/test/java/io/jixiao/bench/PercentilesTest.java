package io.jixiao.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PercentilesTest {

    @Test
    void nearestRankOfOneToHundred() {
        Percentiles p = Percentiles.of(IntStream.rangeClosed(1, 100).boxed().toList());
        assertThat(p.p50()).isEqualTo(50);
        assertThat(p.p99()).isEqualTo(99);
        assertThat(p.max()).isEqualTo(100);
        assertThat(p.at(0)).isEqualTo(1);
        assertThat(p.count()).isEqualTo(100);
    }

    @Test
    void unsortedInputAndSmallSamples() {
        Percentiles p = Percentiles.of(List.of(30.0, 10.0, 20.0));
        assertThat(p.p50()).isEqualTo(20.0);
        assertThat(p.p99()).isEqualTo(30.0);
        assertThat(Percentiles.of(List.of(7)).p50()).isEqualTo(7);
    }

    @Test
    void emptyIsNaN() {
        assertThat(Percentiles.of(List.<Double>of()).p99()).isNaN();
        assertThat(Percentiles.of(List.<Double>of()).max()).isNaN();
    }

    @Test
    void refusesOutOfRange() {
        assertThatThrownBy(() -> Percentiles.of(List.of(1)).at(101)).isInstanceOf(IllegalArgumentException.class);
    }
}
