package io.jixiao.pdfexport;

import io.jixiao.exports.Progress;
import io.jixiao.exports.SnapshotHeader;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import tools.jackson.databind.JsonNode;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collection;
import java.util.GregorianCalendar;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TimeZone;

/**
 * A snapshot's forms as one PDF in the official layout of the 财政项目支出绩效自评表: A4, each form on its own page (a
 * form too long for one page continues on the next, its header repeated and 续表 after the year, see
 * {@link FormLayout}), every page naming the snapshot. The Chinese text is set in WenQuanYi Micro Hei, which this
 * module brings with it and embeds as a subset, so the PDF renders the same everywhere.
 * <p>
 * The same snapshot always gives the same bytes: the document dates are the snapshot's {@code takenAt} (in China
 * Standard Time, whatever the machine's time zone), producer and creator are {@code jixiao}, the document /ID is
 * taken from the snapshot's SM3 digest (never from the clock), and the font subset's name is a function of the glyphs
 * used. Pages are written to a temporary file as they are made, so an export of 10,000 forms holds no page content in
 * the heap; the file is written out when the last form is done.
 */
public final class PdfExport {

    /** The media type of what {@link #write} writes. */
    public static final String CONTENT_TYPE = "application/pdf";

    /** The producer and creator of every document. */
    public static final String PRODUCER = "jixiao";

    /** The offset the dates are printed in: China Standard Time (no daylight saving since 1991). */
    static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    private static final DateTimeFormatter KNOWN_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private PdfExport() {
    }

    /**
     * Writes the forms to {@code out}, one (or, when long, more) pages each, in the order given. The forms are read
     * once, one at a time; {@code out} is flushed, not closed.
     *
     * @param header   the snapshot the forms belong to: printed on every page and the source of the document's
     *                 dates and /ID
     * @param forms    each a form in the structure of {@code GET /projects/{id}/form}; any field may be missing or
     *                 null, and prints as an empty cell
     * @param out      where the PDF goes
     * @param progress told after each form: the forms done, and the total when {@code forms} knows its size (a
     *                 collection, or a sized spliterator), else -1
     */
    public static void write(SnapshotHeader header, Iterable<JsonNode> forms, OutputStream out, Progress progress)
            throws IOException {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(forms, "forms");
        Objects.requireNonNull(out, "out");
        Progress told = progress == null ? Progress.NONE : progress;
        int total = forms instanceof Collection<?> collection ? collection.size()
                : (int) Math.min(Integer.MAX_VALUE, forms.spliterator().getExactSizeIfKnown());
        List<String> notes = notes(header);
        try (TrueTypeFont embedded = FormFont.parse();
             PDDocument document = new PDDocument(IOUtils.createTempFileOnlyStreamCache())) {
            PDType0Font font = FormFont.load(document, embedded);
            describe(document, header);
            int done = 0;
            for (JsonNode form : forms) {
                for (Sheet sheet : FormLayout.layout(notes, form)) {
                    sheet.draw(document, font);
                }
                told.written(++done, total);
            }
            if (done == 0) {
                FormLayout.empty(notes, "本快照没有自评表").draw(document, font);
            }
            OutputStream buffered = new BufferedOutputStream(new FilterOutputStream(out) {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    out.write(bytes, offset, length);
                }

                @Override
                public void close() throws IOException {
                    // PDFBox closes the stream it saved to; the caller's stream stays open
                    flush();
                }
            }, 1 << 16);
            document.save(buffered, CompressParameters.DEFAULT_COMPRESSION);
            buffered.flush();
        }
    }

    /** The snapshot line, broken to the page's width between its parts. */
    static List<String> notes(SnapshotHeader header) {
        float width = FormLayout.RIGHT - FormLayout.LEFT;
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String part : snapshotParts(header)) {
            String joined = line.length() == 0 ? part : line + " · " + part;
            if (line.length() > 0 && FormFont.width(Wrap.printable(joined), FormLayout.NOTE_SIZE) > width) {
                lines.add(line.toString());
                line.setLength(0);
                line.append(part);
            } else {
                line.setLength(0);
                line.append(joined);
            }
        }
        lines.add(line.toString());
        List<String> broken = new ArrayList<>();
        for (String each : lines) {
            broken.addAll(Wrap.lines(each, width, FormLayout.NOTE_SIZE));
        }
        return broken;
    }

    /** 快照 id, 季度, 截至 (business date), 已知截至 (recorded time, China Standard Time), 主管部门, SM3 (short). */
    static List<String> snapshotParts(SnapshotHeader header) {
        List<String> parts = new ArrayList<>();
        parts.add("快照 " + header.id().strip());
        parts.add(header.quarter().strip());
        parts.add("截至 " + header.asOf() + "（业务日期）");
        parts.add("已知截至 " + KNOWN_AT.format(header.knownAt().withOffsetSameInstant(CHINA)) + "（北京时间）");
        if (header.department() != null && !header.department().isBlank()) {
            parts.add("主管部门 " + header.department().strip());
        }
        String digest = header.digest().strip();
        parts.add("SM3 " + (digest.length() > 16 ? digest.substring(0, 16) + "…" : digest));
        return parts;
    }

    private static void describe(PDDocument document, SnapshotHeader header) {
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(FormLayout.TITLE + " " + header.quarter()
                + (header.department() == null || header.department().isBlank() ? "" : " " + header.department().strip()));
        info.setSubject("快照 " + header.id() + "，SM3 " + header.digest());
        info.setProducer(PRODUCER);
        info.setCreator(PRODUCER);
        Calendar taken = calendar(header.takenAt());
        info.setCreationDate(taken);
        info.setModificationDate(taken);
        document.getDocumentCatalog().setLanguage("zh-CN");
        COSArray id = new COSArray();
        byte[] bytes = documentId(header.digest());
        id.add(new COSString(bytes));
        id.add(new COSString(bytes));
        document.getDocument().setDocumentID(id);
    }

    /** A moment as a calendar in China Standard Time, so the PDF date string never depends on the machine's zone. */
    static Calendar calendar(OffsetDateTime at) {
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone(CHINA), Locale.ROOT);
        calendar.setTimeInMillis(at.toInstant().toEpochMilli());
        return calendar;
    }

    /**
     * The document /ID (both halves, as for a file never modified): the first 16 bytes of the snapshot's SM3 digest,
     * or, for a digest that is not hex, the MD5 of its text.
     */
    static byte[] documentId(String digest) {
        String hex = digest.strip();
        if (hex.length() >= 32 && hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return HexFormat.of().parseHex(hex, 0, 32);
        }
        try {
            return MessageDigest.getInstance("MD5").digest(digest.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
