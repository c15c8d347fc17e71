package io.jixiao.bench;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ProfilesTest {

    /** A recording of this JVM while one method burns CPU: the summary puts that method on top. */
    @Test
    void theMethodThatBurnsTheCpuIsOnTopAndItsPackageOnTheStack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("self.jfr");
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
            recording.start();
            long end = System.nanoTime() + 1_500_000_000L;
            long sink = 0;
            while (System.nanoTime() < end) {
                sink += burn();
            }
            recording.stop();
            recording.dump(file);
            assertThat(sink).isNotZero();
        }
        Profiles.Summary s = Profiles.summarize(file);

        assertThat(s.samples()).isGreaterThan(20);
        // inclusive time: this package is on the stack of most samples
        assertThat(s.components()).containsKey("jixiao");
        assertThat(s.components().get("jixiao")).isGreaterThan(s.samples() / 2);
        // self time: the burner's own arithmetic is on top, most samples in it. Which of its methods gets them
        // depends on what the JIT inlined (seen: burn 92.8%, mix 6.5%); a library digest as the burner was flaky,
        // its compression an intrinsic that JFR does not see as a frame of its own.
        // The two burners by name: the test method itself spends its time calling them, so a summary that put the
        // caller on top instead of where the samples were taken would fail here.
        java.util.Set<String> burners = java.util.Set.of("ProfilesTest.burn", "ProfilesTest.mix");
        assertThat(s.topMethods().keySet().iterator().next()).isIn(burners);
        long own = s.topMethods().entrySet().stream().filter(e -> burners.contains(e.getKey()))
                .mapToLong(java.util.Map.Entry::getValue).sum();
        assertThat(own).isGreaterThan(s.samples() / 2);
        assertThat(s.topMethodsText(3)).contains("%");
        assertThat(s.share(s.samples())).isEqualTo("100.0%");
    }

    @Test
    void anEmptyRecordingHasNoSamples(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("empty.jfr");
        try (Recording recording = new Recording()) {
            recording.start();
            recording.stop();
            recording.dump(file);
        }
        Profiles.Summary s = Profiles.summarize(file);

        assertThat(s.samples()).isZero();
        assertThat(s.topMethods()).isEmpty();
        assertThat(s.share(0)).isEqualTo("0%");
    }

    private static long burn() {
        long x = System.nanoTime();
        for (int i = 0; i < 1_000; i++) {
            x = mix(x);
        }
        return x | 1;
    }

    /** Pure arithmetic (a xorshift round), so that its samples cannot land in anything else. */
    private static long mix(long x) {
        for (int i = 0; i < 1_000; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }
}
