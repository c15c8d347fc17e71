package io.jixiao.pdfexport;

import io.jixiao.exports.Progress;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many forms streamed into one PDF with bounded memory: the forms are made one at a time (the seven seed forms over
 * and over, each with its own name and id), the pages go to PDFBox's temporary file, and the bytes to a stream that
 * only counts them. Prints seconds, peak heap and the heap still in use after a collection at every tenth of the way.
 * The module's tests run in a 256 MB heap (see its pom). {@code -Dpdf.export.forms=N} exports another number.
 */
class StreamingExportTest {

    static final int FORMS = Integer.getInteger("pdf.export.forms", 10_000);

    @Test
    void manyFormsStreamWithBoundedMemory() throws IOException {
        List<JsonNode> seed = SeedForms.forms();
        Iterable<JsonNode> forms = () -> generated(seed, FORMS);
        Counting out = new Counting();
        List<Long> retained = new ArrayList<>();
        List<Integer> totals = new ArrayList<>();
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long before = used();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        long[] lastForm = new long[1];
        Progress progress = (done, total) -> {
            if (done % Math.max(1, FORMS / 10) == 0) {
                totals.add(total);
                System.gc();
                retained.add(used());
            }
            lastForm[0] = System.nanoTime();
        };
        PdfExport.write(SeedForms.HEADER, forms, out, progress);
        long end = System.nanoTime();
        double seconds = (end - start) / 1e9;
        double saving = (end - lastForm[0]) / 1e9;
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.out.printf(Locale.ROOT, "PDF export: %,d forms, %,d bytes (%.1f MB), %.1f s (of which the save %.1f s), peak heap %.0f MB (max %.0f MB), "
                        + "heap in use after GC before %.0f MB, then at each tenth: %s MB%n", FORMS, out.count, out.count / 1e6,
                seconds, saving, peak / 1e6, runtime.maxMemory() / 1e6, before / 1e6,
                retained.stream().map(bytes -> String.format(Locale.ROOT, "%.0f", bytes / 1e6)).toList());
        assertThat(out.closed).as("the caller's stream stays open").isFalse();
        assertThat(out.count).isGreaterThan(FORMS * 1_000L);
        assertThat(totals).as("an iterable of unknown size").containsOnly(-1);
        // what stays in the heap is PDFBox's page tree (a few kB a page), never the pages' content
        assertThat(retained.get(retained.size() - 1) - before).isLessThan(FORMS * 20_000L);
    }

    private static long used() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static Iterator<JsonNode> generated(List<JsonNode> seed, int count) {
        return IntStream.range(0, count).<JsonNode>mapToObj(i -> {
            ObjectNode form = (ObjectNode) seed.get(i % seed.size()).deepCopy();
            form.put("name", form.get("name").stringValue() + " " + (i + 1));
            form.put("projectId", String.format(Locale.ROOT, "P%05d", i + 1));
            return form;
        }).iterator();
    }

    static final class Counting extends OutputStream {
        long count;
        boolean closed;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            count += length;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
