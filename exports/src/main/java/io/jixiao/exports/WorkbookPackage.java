package io.jixiao.exports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The zip package of a workbook whose sheets were written one by one ({@link StreamingWorkbook#writeAndRemove}) before
 * the rest of it: the workbook POI writes at the end (styles, the sheets still in it, properties) is copied entry by
 * entry, and the three lists that name the parts are given the sheets written before:
 * {@code [Content_Types].xml} (each part's content type), {@code xl/_rels/workbook.xml.rels} (the workbook's
 * relationship to each part) and {@code xl/workbook.xml} (each sheet's name, id and relationship, in tab order).
 *
 * <p>Every entry carries the same fixed time, set as a local date-time, which the zip format stores as it is: no
 * clock and no time zone enters the bytes (a {@code ZipEntry.setTime(millis)} would be converted in the default time
 * zone).
 */
final class WorkbookPackage {

    /**
     * The time of every entry: the earliest a zip entry's DOS fields hold that {@code ZipOutputStream} writes as they
     * are (it reads 1980-01-01 00:00:00 as "before 1980" and adds an extended timestamp, a moment in the default time
     * zone).
     */
    static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0, 2);

    static final String CONTENT_TYPES = "[Content_Types].xml";
    static final String WORKBOOK = "xl/workbook.xml";
    static final String WORKBOOK_RELATIONSHIPS = "xl/_rels/workbook.xml.rels";

    private static final String WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
    private static final String WORKSHEET_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";

    /** A sheet written apart: its name, its id in the workbook, and its part ({@code xl/worksheets/sheetN.xml}). */
    record Sheet(String name, int sheetId, String part) {

        String relationshipId() {
            return "rIdSheet" + sheetId;
        }
    }

    private WorkbookPackage() {
    }

    /** A new entry of the package, at {@link #ENTRY_TIME}. */
    static ZipEntry entry(String name) {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(ENTRY_TIME);
        return entry;
    }

    /** The path of a sheet's part, {@code xl/worksheets/sheet<n>.xml}. */
    static String sheetPart(int n) {
        return "xl/worksheets/sheet" + n + ".xml";
    }

    /** Copies the workbook POI wrote to {@code rest} into {@code zip}, with {@code sheets} added after its own. */
    static void complete(Path rest, List<Sheet> sheets, ZipOutputStream zip) throws IOException {
        try (ZipFile template = new ZipFile(rest.toFile(), StandardCharsets.UTF_8)) {
            for (Enumeration<? extends ZipEntry> entries = template.entries(); entries.hasMoreElements(); ) {
                ZipEntry source = entries.nextElement();
                zip.putNextEntry(entry(source.getName()));
                try (InputStream in = template.getInputStream(source)) {
                    switch (source.getName()) {
                        case CONTENT_TYPES -> write(zip, insertBefore(read(in), "</Types>", sheets, sheet ->
                                "<Override PartName=\"/" + sheet.part() + "\" ContentType=\"" + WORKSHEET_TYPE + "\"/>"));
                        case WORKBOOK_RELATIONSHIPS -> write(zip, insertBefore(read(in), "</Relationships>", sheets, sheet ->
                                "<Relationship Id=\"" + sheet.relationshipId() + "\" Target=\"/" + sheet.part()
                                        + "\" Type=\"" + WORKSHEET_RELATIONSHIP + "\"/>"));
                        case WORKBOOK -> write(zip, insertBefore(read(in), "</sheets>", sheets, sheet ->
                                "<sheet name=\"" + escape(sheet.name()) + "\" sheetId=\"" + sheet.sheetId()
                                        + "\" r:id=\"" + sheet.relationshipId() + "\"/>"));
                        default -> in.transferTo(zip);
                    }
                }
                zip.closeEntry();
            }
        }
    }

    private interface Element {
        String of(Sheet sheet);
    }

    private static String insertBefore(String xml, String end, List<Sheet> sheets, Element element) {
        int at = xml.lastIndexOf(end);
        if (at < 0) {
            throw new IllegalStateException("the workbook's part has no " + end + ": " + xml);
        }
        StringBuilder patched = new StringBuilder(xml.length() + sheets.size() * 160);
        patched.append(xml, 0, at);
        for (Sheet sheet : sheets) {
            patched.append(element.of(sheet));
        }
        return patched.append(xml, at, xml.length()).toString();
    }

    /** Text as an XML attribute value. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
