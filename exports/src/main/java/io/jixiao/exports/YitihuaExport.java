package io.jixiao.exports;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A snapshot's forms as the machine-readable rows of the national 预算管理一体化 self-evaluation tables
 * ({@link YitihuaRows}): a CSV with one fixed column set and a {@code 记录类型} column, and a JSON document with the
 * same rows grouped per project-year. exports/README.md documents both layouts, column by column.
 *
 * <p>Both stream: a form is read, written and forgotten. Both give the same bytes for the same header and forms:
 * nothing reads the clock, the time zone, the locale or the platform's line separator.
 */
public final class YitihuaExport {

    /** The CSV's dialect: RFC 4180 (comma, double quotes where needed, CRLF after every record, the header first). */
    static final CSVFormat CSV = CSVFormat.RFC4180.builder()
            .setHeader(YitihuaRows.CSV_COLUMNS.toArray(String[]::new))
            .setRecordSeparator("\r\n")
            .setQuoteMode(QuoteMode.MINIMAL)
            .get();

    /** The JSON document's format name and version, its first key. */
    public static final String JSON_FORMAT = "jixiao/预算管理一体化-项目支出绩效自评/1";

    private static final ObjectWriter JSON = JsonMapper.builder().build().writer()
            .with(new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private YitihuaExport() {
    }

    /**
     * Writes the rows as CSV: UTF-8 with a byte-order mark (so Excel reads the Chinese), CRLF line ends, RFC 4180
     * quoting, figures as plain decimals, and every text beginning with {@code = + - @}, tab, CR or LF prefixed with
     * {@code '} ({@link Texts#inert}). {@code out} is flushed, not closed; {@code progress} as in
     * {@link XlsxExport#write}.
     */
    public static void writeCsv(SnapshotHeader header, Iterable<JsonNode> forms, OutputStream out, Progress progress)
            throws IOException {
        int total = total(forms);
        Writer writer = new BufferedWriter(new OutputStreamWriter(new Unclosed(out), StandardCharsets.UTF_8));
        writer.write('\uFEFF');
        try (CSVPrinter printer = new CSVPrinter(writer, CSV)) {
            Map<String, String> snapshot = YitihuaRows.snapshot(header);
            printer.printRecord(record(YitihuaRows.SNAPSHOT, snapshot.get("快照编号"), Map.of(), snapshot, List.of()));
            int done = 0;
            for (JsonNode node : forms) {
                YitihuaRows.Project project = YitihuaRows.of(FormView.of(node));
                for (YitihuaRows.Row row : project.rows()) {
                    printer.printRecord(record(row.type(), header.id(), project.identity(), row.values(), row.flags()));
                }
                done++;
                progress.written(done, total);
            }
        }
        out.flush();
    }

    /**
     * Writes the rows as one JSON document (UTF-8, keys in a fixed order, two-space indents and LF line ends): the
     * format, the snapshot, then the project-years one by one, each with its 评价, 资金, 目标 and 指标 rows, and last
     * their number. Every figure is a string in plain decimal notation (never a JSON number, so no reader takes it
     * through a binary floating point); a missing value is null; flags are arrays. {@code out} is flushed, not
     * closed; {@code progress} as in {@link XlsxExport#write}.
     */
    public static void writeJson(SnapshotHeader header, Iterable<JsonNode> forms, OutputStream out, Progress progress)
            throws IOException {
        int total = total(forms);
        try (JsonGenerator json = JSON.createGenerator(new Unclosed(out), JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringProperty("格式", JSON_FORMAT);
            json.writeName("快照");
            object(json, YitihuaRows.snapshot(header), null);
            json.writeName("项目");
            json.writeStartArray();
            int done = 0;
            for (JsonNode node : forms) {
                YitihuaRows.Project project = YitihuaRows.of(FormView.of(node));
                json.writeStartObject();
                for (Map.Entry<String, String> value : project.identity().entrySet()) {
                    json.writeName(value.getKey());
                    string(json, value.getValue());
                }
                json.writeName(YitihuaRows.EVALUATION);
                object(json, project.evaluation().values(), project.evaluation().flags());
                json.writeName(YitihuaRows.FUNDS);
                array(json, project.funds());
                json.writeName(YitihuaRows.GOAL);
                object(json, project.goal().values(), null);
                json.writeName(YitihuaRows.INDICATOR);
                array(json, project.indicators());
                json.writeEndObject();
                done++;
                progress.written(done, total);
            }
            json.writeEndArray();
            json.writeNumberProperty("项目数", done);
            json.writeEndObject();
        }
        out.flush();
    }

    private static List<String> record(String type, String snapshotId, Map<String, String> identity,
                                       Map<String, String> values, List<String> flags) {
        List<String> record = new ArrayList<>(YitihuaRows.CSV_COLUMNS.size());
        for (String column : YitihuaRows.CSV_COLUMNS) {
            String value = switch (column) {
                case "记录类型" -> type;
                case "快照编号" -> snapshotId;
                case YitihuaRows.FLAGS -> type.equals(YitihuaRows.SNAPSHOT) ? null : String.join(YitihuaRows.FLAG_SEPARATOR, flags);
                default -> values.containsKey(column) ? values.get(column) : identity.get(column);
            };
            record.add(csvCell(column, value));
        }
        return record;
    }

    /** A figure that is a plain decimal goes as it is; every other value is a text, and made inert. */
    private static String csvCell(String column, String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        if (YitihuaRows.FIGURES.contains(column) && value.equals(Decimals.plain(value))) {
            return value;
        }
        return Texts.inert(value);
    }

    private static void array(JsonGenerator json, List<YitihuaRows.Row> rows) {
        json.writeStartArray();
        for (YitihuaRows.Row row : rows) {
            object(json, row.values(), row.type().equals(YitihuaRows.INDICATOR) ? row.flags() : null);
        }
        json.writeEndArray();
    }

    /** The values in their order; the flags, when given, where the 标记 column stands (last). */
    private static void object(JsonGenerator json, Map<String, String> values, List<String> flags) {
        json.writeStartObject();
        for (Map.Entry<String, String> value : values.entrySet()) {
            json.writeName(value.getKey());
            string(json, value.getValue());
        }
        if (flags != null) {
            json.writeName(YitihuaRows.FLAGS);
            json.writeStartArray();
            for (String flag : flags) {
                json.writeString(flag);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private static void string(JsonGenerator json, String value) {
        if (value == null) {
            json.writeNull();
        } else {
            json.writeString(value);
        }
    }

    private static int total(Iterable<JsonNode> forms) {
        return forms instanceof Collection<?> collection ? collection.size() : -1;
    }
}
