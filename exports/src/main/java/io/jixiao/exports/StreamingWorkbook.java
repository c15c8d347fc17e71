package io.jixiao.exports;

import org.apache.poi.ooxml.POIXMLTypeLoader;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.xmlbeans.XmlOptions;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTWorksheet;

import javax.xml.namespace.QName;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An SXSSF workbook whose sheets leave the heap one by one: each sheet, once complete, is written out as a whole
 * worksheet part and removed from the workbook.
 *
 * <p>SXSSF keeps at most {@code window} rows of a sheet in the heap and spills the rest to a temporary file, but it
 * keeps every sheet (its open file, about 24 KB of writer buffers, and its XSSF part: column widths, merged regions,
 * print setup, about 30 KB in all) until the whole workbook is written; with one sheet per project-year, 10,000
 * sheets filled the heap. A sheet here is written once, top to bottom, so {@link #writeAndRemove} writes its part as
 * SXSSF would when the workbook is written (the XSSF part, saved as {@code XSSFSheet} saves it, with SXSSF's rows
 * injected where its empty {@code sheetData} stands), then removes it, which also deletes its temporary file. What is
 * left for {@link #write} is the workbook itself (styles, names) and the sheets still in it; {@link WorkbookPackage}
 * then adds the removed sheets to the package's lists of parts.
 */
final class StreamingWorkbook extends SXSSFWorkbook {

    private static final String EMPTY_SHEET_DATA = "<sheetData/>";

    private SheetDataWriter lastWriter;

    StreamingWorkbook(int window) {
        super(window);
        setCompressTempFiles(false);
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

    /**
     * Writes the complete sheet to {@code out} as a worksheet part ({@code xl/worksheets/sheetN.xml}), then removes it
     * from the workbook. Its dimension, which SXSSF would derive when the workbook is written, is its rows from the
     * first and {@code columns} columns from A.
     */
    void writeAndRemove(Started started, int columns, OutputStream out) throws IOException {
        int lastRow = started.sheet().getLastRowNum();
        finish(started);
        int index = getSheetIndex(started.sheet());
        XSSFSheet sheet = getXSSFWorkbook().getSheetAt(index);
        sheet.getCTWorksheet().getDimension().setRef(new CellRangeAddress(0, Math.max(lastRow, 0), 0, columns - 1).formatAsString());
        String part = worksheetPart(sheet);
        int at = part.indexOf(EMPTY_SHEET_DATA);
        if (at < 0) {
            throw new IllegalStateException("no empty sheetData in the worksheet part of " + sheet.getSheetName());
        }
        out.write(part.substring(0, at).getBytes(StandardCharsets.UTF_8));
        out.write("<sheetData>".getBytes(StandardCharsets.UTF_8));
        createSheetInjector(started.sheet()).writeSheetData(out);
        out.write("</sheetData>".getBytes(StandardCharsets.UTF_8));
        out.write(part.substring(at + EMPTY_SHEET_DATA.length()).getBytes(StandardCharsets.UTF_8));
        removeSheetAt(index);
    }

    record Started(SXSSFSheet sheet, SheetDataWriter writer) {
    }

    @Override
    protected SheetDataWriter createSheetDataWriter() throws IOException {
        lastWriter = super.createSheetDataWriter();
        return lastWriter;
    }

    /**
     * The sheet's XSSF part, saved with the options {@code XSSFSheet} saves it with (its own save method is not
     * public). Its rows are SXSSF's, so its {@code sheetData} is empty; every column of ours has a width.
     */
    private static String worksheetPart(XSSFSheet sheet) throws IOException {
        XmlOptions options = new XmlOptions(POIXMLTypeLoader.DEFAULT_XML_OPTIONS);
        options.setSaveSyntheticDocumentElement(new QName(CTWorksheet.type.getName().getNamespaceURI(), "worksheet"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
        sheet.getCTWorksheet().save(bytes, options);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
