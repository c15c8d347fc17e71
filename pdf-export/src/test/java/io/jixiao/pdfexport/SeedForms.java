package io.jixiao.pdfexport;

import io.jixiao.exports.Progress;
import io.jixiao.exports.SnapshotHeader;
import io.jixiao.seed.Seed;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** The seven published 2023 forms and a snapshot header for them, as the tests export them. */
final class SeedForms {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final SnapshotHeader HEADER = new SnapshotHeader("7f3c2a10-5b8e-4d2f-9a61-0c4e8b7d1e22", "2023-Q4", null,
            LocalDate.of(2023, 12, 31), OffsetDateTime.parse("2024-01-10T12:00:00+08:00"),
            OffsetDateTime.parse("2024-01-10T12:00:05+08:00"),
            "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");

    private SeedForms() {
    }

    static List<JsonNode> forms() {
        List<JsonNode> forms = new ArrayList<>();
        JSON.readTree(Seed.forms2023()).get("projects").values().forEach(forms::add);
        return forms;
    }

    static byte[] export(SnapshotHeader header, Iterable<JsonNode> forms) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfExport.write(header, forms, out, Progress.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** How many pages a form takes in an export with this header. */
    static int pages(SnapshotHeader header, JsonNode form) {
        return FormLayout.layout(PdfExport.notes(header), form).size();
    }
}
