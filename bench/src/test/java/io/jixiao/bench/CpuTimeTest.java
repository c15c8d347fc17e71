package io.jixiao.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CpuTimeTest {

    @Test
    void countsTheCpuTimeOfItsOwnProcessPerItem(@org.junit.jupiter.api.io.TempDir Path root) {
        // no var/stack.children under root: only the benchmark's own process is measured
        CpuTime cpu = new CpuTime(root);
        CpuTime.Snapshot before = cpu.take();
        long sink = 0;
        long until = System.nanoTime() + 400_000_000L;
        while (System.nanoTime() < until) {
            sink += Long.numberOfTrailingZeros(System.nanoTime());
        }
        CpuTime.Snapshot after = cpu.take();
        assertThat(sink).isPositive();

        Report report = Report.silent();
        double total = cpu.report(report, "busy", "busy loop", before, after, 4);

        // about 400 ms of CPU over 4 items; /proc counts in 10 ms ticks, and the JIT adds its own threads
        assertThat(total).isBetween(60.0, 400.0);
        @SuppressWarnings("unchecked")
        Map<String, Object> busy = (Map<String, Object>) report.section("cpuMsPerItem").get("busy");
        assertThat(busy).containsEntry("items", 4L).containsKey("bench").containsKey("cpuCeilingPerSecond");
    }
}
