package io.jixiao.exports;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same header and forms give the same bytes, whenever and wherever they are exported. No export reads a clock,
 * so "a minute apart" needs no waiting: what could differ between two runs is the machine's default time zone and
 * locale, which each test changes between its two exports, and other exports running at the same time.
 */
class ReproducibleBytesTest {

    private TimeZone zone;
    private Locale locale;

    @BeforeEach
    void remember() {
        zone = TimeZone.getDefault();
        locale = Locale.getDefault();
    }

    @AfterEach
    void restore() {
        TimeZone.setDefault(zone);
        Locale.setDefault(locale);
    }

    interface Export {
        void write(SnapshotHeader header, Iterable<JsonNode> forms, java.io.OutputStream out, Progress progress)
                throws IOException;
    }

    private static final List<Export> FORMATS = List.of(XlsxExport::write, YitihuaExport::writeCsv, YitihuaExport::writeJson);
    private static final List<String> NAMES = List.of("XLSX", "CSV", "JSON");

    @Test
    void exportingTwiceInDifferentTimeZonesAndLocalesGivesTheSameBytes() throws Exception {
        List<JsonNode> forms = Fixtures.liveSeedForms();
        for (int f = 0; f < FORMATS.size(); f++) {
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Shanghai"));
            Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
            byte[] first = export(FORMATS.get(f), Fixtures.HEADER, forms);
            TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
            Locale.setDefault(Locale.GERMANY); // a decimal comma, if anything formatted with the default locale
            byte[] second = export(FORMATS.get(f), Fixtures.HEADER, forms);
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            Locale.setDefault(Locale.ROOT);
            byte[] third = export(FORMATS.get(f), Fixtures.HEADER, forms);
            assertThat(second).as(NAMES.get(f)).isEqualTo(first);
            assertThat(third).as(NAMES.get(f)).isEqualTo(first);
            assertThat(first.length).as(NAMES.get(f)).isGreaterThan(1000);
        }
    }

    @Test
    void theSnapshotsTakenAtIsTheOnlyTimeInTheWorkbook() throws Exception {
        List<JsonNode> forms = Fixtures.liveSeedForms();
        SnapshotHeader later = new SnapshotHeader(Fixtures.HEADER.id(), Fixtures.HEADER.quarter(), null,
                Fixtures.HEADER.asOf(), Fixtures.HEADER.knownAt(), Fixtures.HEADER.takenAt().plusMinutes(1),
                Fixtures.HEADER.digest());
        SnapshotHeader sameMomentElsewhere = new SnapshotHeader(Fixtures.HEADER.id(), Fixtures.HEADER.quarter(), null,
                Fixtures.HEADER.asOf(), Fixtures.HEADER.knownAt(),
                OffsetDateTime.parse("2024-01-10T01:30:15Z"), Fixtures.HEADER.digest());
        byte[] first = export(XlsxExport::write, Fixtures.HEADER, forms);
        assertThat(export(XlsxExport::write, later, forms)).isNotEqualTo(first);
        try (var workbook = Workbooks.open(export(XlsxExport::write, later, forms))) {
            assertThat(workbook.getProperties().getCoreProperties().getCreated().toInstant())
                    .isEqualTo(Fixtures.HEADER.takenAt().plusMinutes(1).toInstant());
        }
        // the document dates are instants (UTC): the same moment written with another offset differs only where the
        // summary prints the offset the snapshot was taken with
        try (var a = Workbooks.open(first); var b = Workbooks.open(export(XlsxExport::write, sameMomentElsewhere, forms))) {
            assertThat(b.getProperties().getCoreProperties().getCreated())
                    .isEqualTo(a.getProperties().getCoreProperties().getCreated());
        }
    }

    @Test
    void exportsRunningAtTheSameTimeGiveTheSameBytesAsOneAlone() throws Exception {
        List<JsonNode> forms = Fixtures.liveSeedForms();
        List<byte[]> alone = new ArrayList<>();
        for (Export format : FORMATS) {
            alone.add(export(format, Fixtures.HEADER, forms));
        }
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<byte[]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Export format = FORMATS.get(t % FORMATS.size());
                Callable<byte[]> export = () -> {
                    start.await();
                    return export(format, Fixtures.HEADER, forms);
                };
                results.add(pool.submit(export));
            }
            start.countDown();
            for (int t = 0; t < threads; t++) {
                assertThat(results.get(t).get(60, TimeUnit.SECONDS)).as(NAMES.get(t % FORMATS.size()))
                        .isEqualTo(alone.get(t % FORMATS.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] export(Export format, SnapshotHeader header, List<JsonNode> forms) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        format.write(header, forms, out, Progress.NONE);
        return out.toByteArray();
    }
}
