package io.jixiao.exports;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 10,000 project-years export in bounded memory. The forms are generated one at a time as the exporter reads them and
 * the bytes are only counted, so what the heap holds is the exporter's own. Seconds and heap are reported on standard
 * output, not asserted; what is asserted is that all three exports complete, and that what stays live (measured after
 * a full collection at every quarter of the forms) is small and flat: no form's rows or sheet stay in the heap once
 * written, only the sheets' names for the workbook's list of sheets.
 */
class StreamingExportTest {

    private static final int FORMS = 10_000;
    private static final long MB = 1 << 20;

    interface Export {
        void to(Fixtures.Counting out, Progress progress) throws Exception;
    }

    @Test
    void tenThousandProjectYearsExportToXlsxCsvAndJsonInBoundedMemory() throws Exception {
        Measured xlsx = measure("XLSX", (out, progress) -> XlsxExport.write(Fixtures.HEADER, Fixtures.generated(FORMS), out, progress));
        Measured csv = measure("CSV", (out, progress) -> YitihuaExport.writeCsv(Fixtures.HEADER, Fixtures.generated(FORMS), out, progress));
        Measured json = measure("JSON", (out, progress) -> YitihuaExport.writeJson(Fixtures.HEADER, Fixtures.generated(FORMS), out, progress));
        for (Measured measured : List.of(xlsx, csv, json)) {
            System.out.println(measured);
        }
        assertThat(xlsx.live()).allMatch(live -> live < 64 * MB);
        // flat: from the first quarter of the forms to the last, the live heap grows by the sheets' names alone
        assertThat(xlsx.live().get(3) - xlsx.live().get(0)).isLessThan(8 * MB);
        assertThat(csv.live()).allMatch(live -> live < 64 * MB);
        assertThat(json.live()).allMatch(live -> live < 64 * MB);
    }

    record Measured(String format, long bytes, double seconds, long peak, List<Long> live, long max) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %,d project-years, %,d bytes in %.1f s; heap peak %,d MB (the pools' "
                            + "peaks, garbage included), live after a full GC at 2,500/5,000/7,500/10,000 forms %s MB; max heap %,d MB",
                    format, FORMS, bytes, seconds, peak / MB, live.stream().map(l -> Long.toString(l / MB)).toList(), max / MB);
        }
    }

    private Measured measure(String format, Export export) throws Exception {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        List<Long> live = new ArrayList<>();
        int[] seen = {0};
        Progress progress = (done, total) -> {
            seen[0] = done;
            if (done % (FORMS / 4) == 0) {
                System.gc();
                live.add(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            }
        };
        Fixtures.Counting out = new Fixtures.Counting();
        long start = System.nanoTime();
        export.to(out, progress);
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        assertThat(seen[0]).isEqualTo(FORMS);
        assertThat(out.bytes).isPositive();
        return new Measured(format, out.bytes, seconds, peak, live, Runtime.getRuntime().maxMemory());
    }
}
