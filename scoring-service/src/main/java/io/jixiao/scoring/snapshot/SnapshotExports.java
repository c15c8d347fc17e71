package io.jixiao.scoring.snapshot;

import io.jixiao.exports.SnapshotHeader;
import io.jixiao.exports.XlsxExport;
import io.jixiao.exports.YitihuaExport;
import io.jixiao.pdfexport.PdfExport;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A snapshot's exports, streamed from its frozen content (never recomputed): the official XLSX and PDF, and the
 * 预算管理一体化 rows as CSV and JSON. Each export's progress is kept for a while, so a page can show a bar while
 * the browser downloads.
 */
@Component
public class SnapshotExports {

    /** How many exports of a snapshot are remembered for their progress. */
    private static final int REMEMBERED = 20;

    public enum Format {
        XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        PDF("pdf", "application/pdf"),
        CSV("csv", "text/csv; charset=UTF-8"),
        JSON("json", "application/json");

        final String extension;
        final String contentType;

        Format(String extension, String contentType) {
            this.extension = extension;
            this.contentType = contentType;
        }
    }

    /** One export: how far it is. */
    public record Progress(String format, String state, int done, int total, Instant startedAt, Instant finishedAt) {
    }

    private final Snapshots snapshots;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Deque<Tracker>> running = new ConcurrentHashMap<>();

    SnapshotExports(Snapshots snapshots) {
        this.snapshots = snapshots;
    }

    /** Writes the export to {@code out}; its progress is visible through {@link #progress} meanwhile. */
    public void write(Snapshots.Snapshot snapshot, Format format, OutputStream out) throws IOException {
        SnapshotHeader header = new SnapshotHeader(snapshot.id(), snapshot.quarter(), snapshot.department(), snapshot.asOf(),
                snapshot.knownAt(), snapshot.takenAt(), snapshot.digest());
        Iterable<JsonNode> forms = snapshots.formsOf(snapshot.id());
        Tracker tracker = new Tracker(format, snapshot.projectYears(), clock.instant());
        Deque<Tracker> trackers = running.computeIfAbsent(snapshot.id(), id -> new ArrayDeque<>());
        synchronized (trackers) {
            trackers.addFirst(tracker);
            while (trackers.size() > REMEMBERED) {
                trackers.removeLast();
            }
        }
        try {
            switch (format) {
                case XLSX -> XlsxExport.write(header, forms, out, tracker);
                case PDF -> PdfExport.write(header, forms, out, tracker);
                case CSV -> YitihuaExport.writeCsv(header, forms, out, tracker);
                case JSON -> YitihuaExport.writeJson(header, forms, out, tracker);
            }
            tracker.finish("DONE", clock.instant());
        } catch (IOException | RuntimeException failed) {
            tracker.finish("FAILED", clock.instant());
            throw failed;
        }
    }

    /** The exports of a snapshot, newest first. */
    public List<Progress> progress(String snapshotId) {
        Deque<Tracker> trackers = running.getOrDefault(snapshotId, new ArrayDeque<>());
        List<Progress> all = new ArrayList<>();
        synchronized (trackers) {
            trackers.forEach(tracker -> all.add(tracker.progress()));
        }
        return all;
    }

    private static final class Tracker implements io.jixiao.exports.Progress {
        private final Format format;
        private final Instant startedAt;
        private volatile int done;
        private volatile int total;
        private volatile String state = "RUNNING";
        private volatile Instant finishedAt;

        Tracker(Format format, int total, Instant startedAt) {
            this.format = format;
            this.total = total;
            this.startedAt = startedAt;
        }

        /** An exporter that cannot count the forms ahead says -1: the snapshot's own count stands. */
        @Override
        public void written(int done, int total) {
            this.done = done;
            if (total >= 0) {
                this.total = total;
            }
        }

        void finish(String state, Instant at) {
            this.state = state;
            this.finishedAt = at;
        }

        Progress progress() {
            return new Progress(format.extension, state, done, total, startedAt, finishedAt);
        }
    }
}
