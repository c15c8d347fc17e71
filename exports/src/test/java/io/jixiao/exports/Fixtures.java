package io.jixiao.exports;

import io.jixiao.seed.Seed;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** The seven seed forms, a snapshot header, generated forms, and where samples go. */
final class Fixtures {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** The header of a Q4 snapshot retaken as known on 10 January, taken on 10 January at 09:30 Beijing time. */
    static final SnapshotHeader HEADER = new SnapshotHeader("snap-2023-Q4-01", "2023-Q4", null, LocalDate.of(2023, 12, 31),
            OffsetDateTime.parse("2024-01-10T00:00:00+08:00"), OffsetDateTime.parse("2024-01-10T09:30:15+08:00"),
            "66c7f0f462eeedd9d1f2d46bdc10e4e2167c4873f6e0a9a2b0b5e0fbc5b8ba5e");

    private Fixtures() {
    }

    /** The seven published 2023 forms of forms-2023.json, as the exporters receive forms. */
    static List<JsonNode> seedForms() {
        List<JsonNode> forms = new ArrayList<>();
        for (JsonNode form : JSON.readTree(Seed.forms2023()).get("projects")) {
            forms.add(form);
        }
        return forms;
    }

    /** The seed forms with the live extras the scoring-service adds: a project-year id, rule set, status. */
    static List<JsonNode> liveSeedForms() {
        List<JsonNode> forms = new ArrayList<>();
        int n = 1;
        for (JsonNode seed : seedForms()) {
            ObjectNode form = (ObjectNode) seed.deepCopy();
            form.put("projectId", "2023-SSTM" + n++);
            form.put("ruleSet", "shanghai-2023");
            form.put("status", "CLOSED");
            form.putArray("flags");
            form.put("asOf", "2023-12-31");
            form.put("knownAt", "2024-01-10T00:00:00+08:00");
            forms.add(form);
        }
        return forms;
    }

    /**
     * {@code count} forms made from the seed forms in turn, each with its own project-year id and name, made one at a
     * time as they are read, so the forms themselves never sit in the heap together.
     */
    static Iterable<JsonNode> generated(int count) {
        List<JsonNode> seeds = liveSeedForms();
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public JsonNode next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ObjectNode form = (ObjectNode) seeds.get(next % seeds.size()).deepCopy();
                form.put("projectId", String.format("2023-G%05d", next));
                form.put("name", form.get("name").stringValue() + " " + next);
                next++;
                return form;
            }
        };
    }

    /** Where the tests leave files for a person to look at: exports/target/samples. */
    static Path samples() {
        Path dir = Path.of("target", "samples");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** Counts what is written and keeps nothing. */
    static final class Counting extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
