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

    @Test
    void theLaterSlopesUseOnlyTheLaterSamples() {
        List<double[]> samples = List.of(new double[]{0, 100}, new double[]{10, 200}, new double[]{20, 201}, new double[]{30, 202});
        assertThat(Soak.slope(Soak.since(samples, 15))).isCloseTo(0.1, within(1e-9));
        // fewer than two samples that late: the whole run
        assertThat(Soak.since(samples, 25)).hasSize(4);
    }

    @Test
    void theLiveHeapIsTheGenerationsUsedSpaceNotMetaspace() {
        String serial = """
                12345:
                 def new generation   total 23616K, used 18720K [0x00000000f0000000, 0x00000000f19a0000, 0x00000000f5550000)
                  eden space 20992K,  82% used [0x00000000f0000000, 0x00000000f10e2a98, 0x00000000f1480000)
                  from space 2624K,  54% used [0x00000000f1710000, 0x00000000f18757c0, 0x00000000f19a0000)
                  to   space 2624K,   0% used [0x00000000f1480000, 0x00000000f1480000, 0x00000000f1710000)
                 tenured generation   total 52320K, used 32574K [0x00000000f5550000, 0x00000000f8868000, 0x0000000100000000)
                   the space 52320K,  62% used [0x00000000f5550000, 0x00000000f751faa0, 0x00000000f751fc00, 0x00000000f8868000)
                 Metaspace       used 72842K, committed 73536K, reserved 196608K
                  class space    used 10096K, committed 10432K, reserved 131072K
                """;
        assertThat(Soak.heapUsedKb(serial)).isEqualTo(18720 + 32574);
        String g1 = """
                12346:
                 garbage-first heap   total 262144K, used 45678K [0x00000000f0000000, 0x0000000100000000)
                  region size 1024K, 3 young (3072K), 1 survivors (1024K)
                 Metaspace       used 42763K, committed 43456K, reserved 1114112K
                """;
        assertThat(Soak.heapUsedKb(g1)).isEqualTo(45678);
    }
}
