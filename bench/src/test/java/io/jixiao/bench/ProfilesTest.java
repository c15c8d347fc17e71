package io.jixiao.bench;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.MessageDigest;

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
        // self time lands in the digest the burner calls, inclusive time in this package
        assertThat(s.components()).containsKey("jixiao");
        assertThat(s.components().get("jixiao")).isGreaterThan(s.samples() / 2);
        // self time: the digest's compression function is among the methods on top of the samples
        assertThat(s.topMethodsText(5)).contains("SHA2.");
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

    private static long burn() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] b = new byte[4096];
        long x = 0;
        for (int i = 0; i < 50; i++) {
            b = sha.digest(b);
            x += b[0];
        }
        return x | 1;
    }
}
