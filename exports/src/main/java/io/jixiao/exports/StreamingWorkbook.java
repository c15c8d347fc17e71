package io.jixiao.exports;

import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.poi.openxml4j.util.ZipEntrySource;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;
import org.apache.poi.xssf.usermodel.XSSFSheet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An SXSSF workbook that stays small however many sheets it gets, and writes the same bytes every time.
 *
 * <p><b>Bounded memory.</b> SXSSF keeps at most {@code window} rows of a sheet in the heap and spills the rest to a
 * temporary file, but each sheet's file stays open (a file descriptor and about 24 KB of writer buffers) until the
 * workbook is written. With one sheet per project-year, 10,000 sheets would hold 10,000 open files. A sheet is
 * written once, top to bottom, so {@link #finish} flushes its last rows and closes its file as soon as it is
 * complete; SXSSF reads the file back when the workbook is written (closing it again is a no-op). What stays in the
 * heap per sheet is its XSSF part: name, column widths, merged regions and print setup.
 *
 * <p><b>Pinned zip entry times.</b> POI's own switch for this, {@code Reproducibility.runWithSourceDateEpoch}, flips
 * a static, non-volatile flag for the whole JVM and restores it afterwards, so two exports on two threads could
 * switch it off under each other. Instead: SXSSF's default Zip64 mode ({@code Always}, set here explicitly) writes
 * the package with POI's own OPC zip writer, which writes every entry's DOS time as 0 whatever the entry says; and
 * every entry is also handed to the writer with its time pinned to 0 (as {@code SOURCE_DATE_EPOCH} would make POI do),
 * so another zip writer would still write fixed times. Neither depends on the clock or on the default time zone.
 */
final class StreamingWorkbook extends SXSSFWorkbook {

    private SheetDataWriter lastWriter;
    private Map<String, XSSFSheet> sheetsByEntry;

    StreamingWorkbook(int window) {
        super(window);
        setCompressTempFiles(false);
        setZip64Mode(Zip64Mode.Always);
    }

    /** A new sheet and the writer of its rows. */
    Started start(String name) {
        SXSSFSheet sheet = createSheet(name);
        return new Started(sheet, lastWriter);
    }

    /** The sheet's rows flushed to its file, and the file closed: nothing of its rows stays in the heap. */
    void finish(Started started) throws IOException {
        started.sheet().flushRows();
        started.writer().close();
    }

    record Started(SXSSFSheet sheet, SheetDataWriter writer) {
    }

    @Override
    protected SheetDataWriter createSheetDataWriter() throws IOException {
        lastWriter = super.createSheetDataWriter();
        return lastWriter;
    }

    /**
     * SXSSF finds the sheet of each zip entry by comparing it with every sheet's part name, which is quadratic in the
     * number of sheets (most of the time of a 10,000-sheet workbook); one map, made when the workbook is written and no
     * sheet can be added any more, finds it at once.
     */
    @Override
    protected XSSFSheet getSheetFromZipEntryName(String entryName) {
        if (sheetsByEntry == null) {
            sheetsByEntry = new HashMap<>();
            for (Sheet sheet : getXSSFWorkbook()) {
                XSSFSheet xssf = (XSSFSheet) sheet;
                sheetsByEntry.put(xssf.getPackagePart().getPartName().getName().substring(1), xssf);
            }
        }
        return sheetsByEntry.get(entryName);
    }

    @Override
    protected void injectData(ZipEntrySource source, OutputStream out) throws IOException {
        super.injectData(new PinnedTimes(source), out);
    }

    /** The template's entries, each with its time set to 0 before the workbook's zip writer sees it. */
    private record PinnedTimes(ZipEntrySource source) implements ZipEntrySource {

        @Override
        public Enumeration<? extends ZipArchiveEntry> getEntries() {
            List<ZipArchiveEntry> entries = new ArrayList<>();
            for (Enumeration<? extends ZipArchiveEntry> e = source.getEntries(); e.hasMoreElements(); ) {
                ZipArchiveEntry entry = e.nextElement();
                entry.setTime(0L);
                entries.add(entry);
            }
            return Collections.enumeration(entries);
        }

        @Override
        public ZipArchiveEntry getEntry(String path) {
            return source.getEntry(path);
        }

        @Override
        public InputStream getInputStream(ZipArchiveEntry entry) throws IOException {
            return source.getInputStream(entry);
        }

        @Override
        public void close() throws IOException {
            source.close();
        }

        @Override
        public boolean isClosed() {
            return source.isClosed();
        }
    }
}
