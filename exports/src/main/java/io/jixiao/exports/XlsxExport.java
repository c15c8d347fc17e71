package io.jixiao.exports;

import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipOutputStream;

import static io.jixiao.exports.XlsxCells.blanks;
import static io.jixiao.exports.XlsxCells.figure;
import static io.jixiao.exports.XlsxCells.text;

/**
 * A snapshot's forms as one XLSX workbook: a summary sheet {@value #SUMMARY} naming the snapshot and listing every
 * project-year, then one sheet per project-year in the official layout of the 财政项目支出绩效自评表 ({@link FormSheet}).
 *
 * <p>It streams: SXSSF keeps {@value #WINDOW} rows of a sheet in the heap, and each form's sheet, once written, goes
 * out to the zip stream as its own part and leaves the workbook ({@link StreamingWorkbook}), so the heap holds one
 * form at a time however many there are, and the first bytes leave before the last form is read. The summary, which
 * needs every form, is the workbook POI writes at the end; {@link WorkbookPackage} adds the sheets written before it.
 * The same header and forms always give the same bytes: the document's creator is {@value #CREATOR}, its created and
 * modified dates are the snapshot's {@code takenAt}, its zip entries carry one fixed time ({@link WorkbookPackage}),
 * and nothing reads the clock, the default time zone or the locale.
 */
public final class XlsxExport {

    /** The summary sheet's name. */
    public static final String SUMMARY = "汇总";

    /** The document's creator (and last modifier). */
    public static final String CREATOR = "jixiao";

    /** Rows of a sheet SXSSF keeps in the heap. */
    static final int WINDOW = 100;

    /** The summary table's columns. */
    static final List<String> SUMMARY_HEADINGS = List.of("项目编码", "项目名称", "主管部门", "实施单位", "年度",
            "全年预算数", "全年执行数", "执行率（%）", "资金得分", "总分", "评分等级", "状态", "标记", "工作表", "金额单位");

    /** The summary sheet's widths in Latin characters, per column of {@link #SUMMARY_HEADINGS}. */
    static final int[] SUMMARY_WIDTHS = {16, 30, 24, 24, 8, 16, 16, 12, 10, 10, 10, 10, 40, 18, 10};

    /** The row (0-based) of the summary table's headings; one row per project-year follows it. */
    static final int SUMMARY_HEADING_ROW = 9;

    /** All department: what the summary prints for a snapshot of every 主管部门. */
    static final String ALL_DEPARTMENTS = "全部";

    private XlsxExport() {
    }

    /**
     * Writes the workbook to {@code out}, which is flushed but not closed. {@code progress} is told after each form's
     * sheet, with the number of forms when {@code forms} is a {@link Collection} and -1 otherwise; the package is
     * zipped after the last form.
     */
    public static void write(SnapshotHeader header, Iterable<JsonNode> forms, OutputStream out, Progress progress)
            throws IOException {
        int total = forms instanceof Collection<?> collection ? collection.size() : -1;
        List<WorkbookPackage.Sheet> written = new ArrayList<>();
        Path rest = Files.createTempFile("jixiao-workbook-", ".xlsx");
        // closing an SXSSF workbook also deletes its temporary files, whatever happened; the zip stream closes only
        // itself (Unclosed), the caller's stream stays open
        try (StreamingWorkbook workbook = new StreamingWorkbook(WINDOW);
             ZipOutputStream zip = new ZipOutputStream(new Unclosed(out), StandardCharsets.UTF_8)) {
            XlsxStyles styles = new XlsxStyles(workbook);
            SheetNames names = new SheetNames();
            StreamingWorkbook.Started summary = workbook.start(names.reserve(SUMMARY));
            SXSSFSheet summarySheet = summary.sheet();
            summaryHeader(summarySheet, styles, header);
            String snapshotNote = snapshotNote(header);
            int done = 0;
            for (JsonNode node : forms) {
                FormView form = FormView.of(node);
                String fallback = (form.year() == null ? "" : form.year() + "-") + (form.name() == null ? "" : form.name());
                String sheetName = names.unique(form.projectId(), fallback.isEmpty() ? "表" + (done + 1) : fallback);
                summaryRow(summarySheet.createRow(SUMMARY_HEADING_ROW + 1 + done), styles, form, sheetName);
                StreamingWorkbook.Started sheet = workbook.start(sheetName);
                FormSheet.write(sheet.sheet(), styles, form, snapshotNote);
                // the summary is the workbook's first part (sheet1, id 1); form n is sheet n + 1
                WorkbookPackage.Sheet part = new WorkbookPackage.Sheet(sheetName, done + 2, WorkbookPackage.sheetPart(done + 2));
                zip.putNextEntry(WorkbookPackage.entry(part.part()));
                workbook.writeAndRemove(sheet, FormSheet.COLUMNS, zip);
                zip.closeEntry();
                written.add(part);
                done++;
                progress.written(done, total);
            }
            if (done > 0) {
                summarySheet.setAutoFilter(new CellRangeAddress(SUMMARY_HEADING_ROW, SUMMARY_HEADING_ROW + done, 0,
                        SUMMARY_HEADINGS.size() - 1));
            }
            properties(workbook, header);
            workbook.setActiveSheet(0);
            try (OutputStream file = Files.newOutputStream(rest)) {
                workbook.write(file);
            }
            WorkbookPackage.complete(rest, written, zip);
            zip.finish();
        } finally {
            Files.deleteIfExists(rest);
        }
        out.flush();
    }

    private static void summaryHeader(SXSSFSheet sheet, XlsxStyles styles, SnapshotHeader header) {
        for (int column = 0; column < SUMMARY_WIDTHS.length; column++) {
            sheet.setColumnWidth(column, SUMMARY_WIDTHS[column] * 256);
        }
        Row title = sheet.createRow(0);
        title.setHeightInPoints(30f);
        text(title, 0, FormSheet.TITLE + " 快照汇总", styles.title);
        blanks(title, 1, 7, styles.title);
        XlsxCells.merge(sheet, 0, 0, 0, 7);
        String[][] lines = {
                {"快照编号", header.id()},
                {"季度", header.quarter()},
                {"主管部门", header.department() == null ? ALL_DEPARTMENTS : header.department()},
                {"截至日期", header.asOf().toString()},
                {"数据截至记录时间", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(header.knownAt())},
                {"快照时间", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(header.takenAt())},
                {"SM3 摘要", header.digest()},
        };
        for (int i = 0; i < lines.length; i++) {
            Row row = sheet.createRow(1 + i);
            text(row, 0, lines[i][0], styles.label);
            text(row, 1, lines[i][1], styles.value);
        }
        Row headings = sheet.createRow(SUMMARY_HEADING_ROW);
        headings.setHeightInPoints(30f);
        for (int column = 0; column < SUMMARY_HEADINGS.size(); column++) {
            text(headings, column, SUMMARY_HEADINGS.get(column), styles.heading);
        }
        sheet.createFreezePane(2, SUMMARY_HEADING_ROW + 1);
    }

    private static void summaryRow(Row row, XlsxStyles styles, FormView form, String sheetName) {
        FormView.FundRow total = form.funds().total();
        text(row, 0, form.projectId(), styles.text);
        text(row, 1, form.name(), styles.text);
        text(row, 2, form.department(), styles.text);
        text(row, 3, form.implementingUnit(), styles.text);
        figure(row, 4, form.year(), styles.integer, styles.centred);
        figure(row, 5, total == null ? null : total.fullYear(), styles.amount, styles.text);
        figure(row, 6, total == null ? null : total.executed(), styles.amount, styles.text);
        figure(row, 7, total == null ? null : total.rate(), styles.decimal, styles.text);
        figure(row, 8, form.funds().score(), styles.decimal, styles.text);
        figure(row, 9, form.total(), styles.decimal, styles.text);
        text(row, 10, form.grade(), styles.centred);
        text(row, 11, form.status(), styles.centred);
        text(row, 12, String.join(", ", form.flags()), styles.text);
        text(row, 13, sheetName, styles.text);
        text(row, 14, form.amountUnit(), styles.centred);
    }

    /** The last line of every form's sheet: which snapshot it belongs to. */
    private static String snapshotNote(SnapshotHeader header) {
        return "快照 " + header.id() + "（" + header.quarter() + "，"
                + (header.department() == null ? ALL_DEPARTMENTS : header.department()) + "）　截至 " + header.asOf()
                + "　数据截至 " + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(header.knownAt()) + "　SM3 "
                + header.digest();
    }

    private static void properties(StreamingWorkbook workbook, SnapshotHeader header) {
        POIXMLProperties properties = workbook.getXSSFWorkbook().getProperties();
        POIXMLProperties.CoreProperties core = properties.getCoreProperties();
        Date takenAt = Date.from(header.takenAt().toInstant());
        core.setCreator(CREATOR);
        core.setLastModifiedByUser(CREATOR);
        core.setCreated(Optional.of(takenAt));
        core.setModified(Optional.of(takenAt));
        core.setTitle(FormSheet.TITLE + " " + header.quarter());
        core.setSubjectProperty(header.department() == null ? ALL_DEPARTMENTS : header.department());
        core.setIdentifier(header.id());
        core.setDescription("快照 " + header.id() + "，SM3 " + header.digest());
    }
}
