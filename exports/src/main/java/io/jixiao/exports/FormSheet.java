package io.jixiao.exports;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static io.jixiao.exports.XlsxCells.blanks;
import static io.jixiao.exports.XlsxCells.figure;
import static io.jixiao.exports.XlsxCells.text;

/**
 * One project-year's sheet, laid out as the official 财政项目支出绩效自评表 (the national template of domain.md §7, as
 * the seed's published forms and the scoring-service's printable page print it), on eight columns A–H:
 *
 * <pre>
 *      A              B                  C           D           E           F      G          H
 *  1   财政项目支出绩效自评表                                                                       (merged A:H)
 *  2   （2023 年度）                                                                              (merged A:H)
 *  3   项目名称       name (B:H)
 *  4   主管部门       department (B:D)                            实施单位    unit (F:H)
 *  5   项目资金       (blank)            年初预算数  全年预算数  全年执行数  分值   执行率（%） 得分
 *  6   （万元）       年度资金总额       initial     fullYear    executed    weight rate       score
 *  7   (A5:A9)        其中：当年财政拨款 …           …           …           —      rate       —
 *  8                  上年结转资金       …
 *  9                  其他资金           …
 * 10   年度总体目标   预期目标 (B:D)                             实际完成情况 (E:H)
 * 11   (A10:A11)      expected (B:D)                             actual (E:H)
 * 12   一级指标       二级指标           三级指标    年度指标值  实际完成值  分值   得分       偏差原因分析及改进措施
 * 13…  level1 (merged while repeated)   level2 (merged while repeated within its level1)   …
 *  n   总分 (A:E)                                                            100.00 total
 *  n+1 评分等级 (A:E)                                                        grade (F:H)
 * </pre>
 *
 * Below the table, without borders: the project-year's id, rule set, status and flags, each indicator's flags,
 * the published figures the live form does not reproduce, and the snapshot the sheet belongs to.
 */
final class FormSheet {

    static final int COLUMNS = 8;

    /** Column widths in Latin characters: A–H. */
    static final int[] WIDTHS = {12, 20, 24, 22, 16, 10, 12, 36};

    static final String TITLE = FormLabels.TITLE;

    /** The row (0-based) of the first indicator. */
    static final int FIRST_INDICATOR_ROW = 12;

    static final String NOT_SCORED = FormLabels.NOT_SCORED;

    private final SXSSFSheet sheet;
    private final XlsxStyles styles;
    private int next;

    private FormSheet(SXSSFSheet sheet, XlsxStyles styles) {
        this.sheet = sheet;
        this.styles = styles;
    }

    /** Writes the form onto the (new, empty) sheet; {@code snapshotNote} is its last line. */
    static void write(SXSSFSheet sheet, XlsxStyles styles, FormView form, String snapshotNote) {
        new FormSheet(sheet, styles).write(form, snapshotNote);
    }

    private void write(FormView form, String snapshotNote) {
        for (int column = 0; column < COLUMNS; column++) {
            sheet.setColumnWidth(column, WIDTHS[column] * 256);
        }
        sheet.setFitToPage(true);
        sheet.getPrintSetup().setPaperSize(PrintSetup.A4_PAPERSIZE);
        sheet.getPrintSetup().setFitWidth((short) 1);
        sheet.getPrintSetup().setFitHeight((short) 0);
        sheet.setHorizontallyCenter(true);

        Row title = row(30f);
        text(title, 0, TITLE, styles.title);
        blanks(title, 1, COLUMNS - 1, styles.title);
        region(title.getRowNum(), title.getRowNum(), 0, COLUMNS - 1);
        Row year = row(20f);
        text(year, 0, "（" + (form.year() == null ? "" : form.year()) + " 年度）", styles.subtitle);
        blanks(year, 1, COLUMNS - 1, styles.subtitle);
        region(year.getRowNum(), year.getRowNum(), 0, COLUMNS - 1);

        Row name = row(XlsxCells.height(XlsxCells.lines(form.name(), span(1, 7))));
        text(name, 0, FormLabels.PROJECT_NAME, styles.heading);
        text(name, 1, form.name(), styles.text);
        blanks(name, 2, 7, styles.text);
        region(name.getRowNum(), name.getRowNum(), 1, 7);

        Row units = row(XlsxCells.height(Math.max(XlsxCells.lines(form.department(), span(1, 3)),
                XlsxCells.lines(form.implementingUnit(), span(5, 7)))));
        text(units, 0, FormLabels.DEPARTMENT, styles.heading);
        text(units, 1, form.department(), styles.text);
        blanks(units, 2, 3, styles.text);
        text(units, 4, FormLabels.IMPLEMENTING_UNIT, styles.heading);
        text(units, 5, form.implementingUnit(), styles.text);
        blanks(units, 6, 7, styles.text);
        region(units.getRowNum(), units.getRowNum(), 1, 3);
        region(units.getRowNum(), units.getRowNum(), 5, 7);

        funds(form);
        goal(form);
        indicators(form);
        closing(form);
        notes(form, snapshotNote);
    }

    private void funds(FormView form) {
        Row headings = row(30f);
        int first = headings.getRowNum();
        text(headings, 0, FormLabels.FUNDS + "\n（" + form.amountUnit() + "）", styles.heading);
        text(headings, 1, null, styles.heading);
        for (int i = 0; i < FormLabels.FUND_HEADINGS.size(); i++) {
            text(headings, 2 + i, FormLabels.FUND_HEADINGS.get(i), styles.heading);
        }
        for (FormView.Labelled labelled : form.fundRows()) {
            Row row = row(20f);
            text(row, 0, null, styles.heading);
            text(row, 1, labelled.isTotal() ? labelled.label() : labelled.field().equals("currentYearAppropriation")
                    ? FormLabels.OF_WHICH + labelled.label() : labelled.label(), styles.text);
            FormView.FundRow figures = Objects.requireNonNullElse(labelled.row(), new FormView.FundRow(null, null, null, null));
            figure(row, 2, figures.initial(), styles.amount, styles.text);
            figure(row, 3, figures.fullYear(), styles.amount, styles.text);
            figure(row, 4, figures.executed(), styles.amount, styles.text);
            if (labelled.isTotal()) {
                figure(row, 5, form.funds().weight(), styles.decimal, styles.text);
            } else {
                text(row, 5, NOT_SCORED, styles.centred);
            }
            figure(row, 6, figures.rate(), styles.decimal, styles.text);
            if (labelled.isTotal()) {
                figure(row, 7, form.funds().score(), styles.decimal, styles.text);
            } else {
                text(row, 7, NOT_SCORED, styles.centred);
            }
        }
        region(first, next - 1, 0, 0);
    }

    private void goal(FormView form) {
        String expected = Texts.plain(form.goalExpected());
        String actual = Texts.plain(form.goalActual());
        Row headings = row(20f);
        text(headings, 0, FormLabels.GOAL, styles.heading);
        text(headings, 1, FormLabels.GOAL_EXPECTED, styles.heading);
        blanks(headings, 2, 3, styles.heading);
        text(headings, 4, FormLabels.GOAL_ACHIEVED, styles.heading);
        blanks(headings, 5, 7, styles.heading);
        Row texts = row(XlsxCells.height(Math.max(XlsxCells.lines(expected, span(1, 3)),
                XlsxCells.lines(actual, span(4, 7)))));
        text(texts, 0, null, styles.heading);
        text(texts, 1, expected, styles.text);
        blanks(texts, 2, 3, styles.text);
        text(texts, 4, actual, styles.text);
        blanks(texts, 5, 7, styles.text);
        region(headings.getRowNum(), texts.getRowNum(), 0, 0);
        region(headings.getRowNum(), headings.getRowNum(), 1, 3);
        region(headings.getRowNum(), headings.getRowNum(), 4, 7);
        region(texts.getRowNum(), texts.getRowNum(), 1, 3);
        region(texts.getRowNum(), texts.getRowNum(), 4, 7);
    }

    private void indicators(FormView form) {
        Row headings = row(20f);
        for (int i = 0; i < FormLabels.INDICATOR_HEADINGS.size(); i++) {
            text(headings, i, FormLabels.INDICATOR_HEADINGS.get(i), styles.heading);
        }
        List<FormView.Indicator> indicators = form.indicators();
        int level1From = next;
        int level2From = next;
        for (int i = 0; i < indicators.size(); i++) {
            FormView.Indicator indicator = indicators.get(i);
            int lines = 1;
            String[] texts = {indicator.level1(), indicator.level2(), indicator.level3(), indicator.target(),
                    indicator.actual(), null, null, indicator.deviation()};
            for (int column = 0; column < COLUMNS; column++) {
                lines = Math.max(lines, XlsxCells.lines(texts[column], WIDTHS[column]));
            }
            Row row = row(XlsxCells.height(lines));
            // a merged run shows its heading once, in its first cell; the cells it covers stay blank
            text(row, 0, row.getRowNum() == level1From ? indicator.level1() : null, styles.centred);
            text(row, 1, row.getRowNum() == level2From ? indicator.level2() : null, styles.centred);
            text(row, 2, indicator.level3(), styles.text);
            text(row, 3, indicator.target(), styles.text);
            text(row, 4, indicator.actual(), styles.text);
            figure(row, 5, indicator.weight(), styles.decimal, styles.text);
            figure(row, 6, indicator.score(), styles.decimal, styles.text);
            text(row, 7, indicator.deviation(), styles.text);

            FormView.Indicator following = i + 1 < indicators.size() ? indicators.get(i + 1) : null;
            boolean level1Continues = following != null && repeated(indicator.level1(), following.level1());
            boolean level2Continues = level1Continues && repeated(indicator.level2(), following.level2());
            if (!level2Continues) {
                region(level2From, row.getRowNum(), 1, 1);
                level2From = row.getRowNum() + 1;
            }
            if (!level1Continues) {
                region(level1From, row.getRowNum(), 0, 0);
                level1From = row.getRowNum() + 1;
            }
        }
    }

    private void closing(FormView form) {
        Row total = row(20f);
        text(total, 0, FormLabels.TOTAL, styles.heading);
        blanks(total, 1, 4, styles.heading);
        figure(total, 5, "100.00", styles.decimal, styles.text);
        figure(total, 6, form.total(), styles.decimal, styles.text);
        text(total, 7, null, styles.text);
        region(total.getRowNum(), total.getRowNum(), 0, 4);
        Row grade = row(20f);
        text(grade, 0, FormLabels.GRADE, styles.heading);
        blanks(grade, 1, 4, styles.heading);
        text(grade, 5, form.grade(), styles.centred);
        blanks(grade, 6, 7, styles.centred);
        region(grade.getRowNum(), grade.getRowNum(), 0, 4);
        region(grade.getRowNum(), grade.getRowNum(), 5, 7);
    }

    private void notes(FormView form, String snapshotNote) {
        row(8f);
        List<String> notes = new ArrayList<>();
        notes.add(FormLabels.PROJECT_CODE + orDash(form.projectId()) + FormLabels.NOTE_SEPARATOR + FormLabels.RULE_SET
                + orDash(form.ruleSet()) + FormLabels.NOTE_SEPARATOR + FormLabels.STATUS + orDash(form.status()) + (form.asOf() == null ? "" : "　截至：" + form.asOf())
                + (form.knownAt() == null ? "" : "　数据截至：" + form.knownAt()));
        if (!form.flags().isEmpty()) {
            notes.add("标记：" + String.join(", ", form.flags()));
        }
        List<String> indicatorFlags = new ArrayList<>();
        for (FormView.Indicator indicator : form.indicators()) {
            if (!indicator.flags().isEmpty()) {
                indicatorFlags.add(orDash(indicator.level3()) + "：" + String.join(", ", indicator.flags()));
            }
        }
        if (!indicatorFlags.isEmpty()) {
            notes.add("指标标记：" + String.join("；", indicatorFlags));
        }
        for (String note : notes) {
            note(note);
        }
        if (!form.publishedDifferences().isEmpty()) {
            Row headings = row(20f);
            text(headings, 0, FormLabels.PUBLISHED_DIFFERENCES, styles.heading);
            blanks(headings, 1, 3, styles.heading);
            text(headings, 4, "公开数", styles.heading);
            blanks(headings, 5, 5, styles.heading);
            text(headings, 6, "按规则计算", styles.heading);
            blanks(headings, 7, 7, styles.heading);
            region(headings.getRowNum(), headings.getRowNum(), 0, 3);
            region(headings.getRowNum(), headings.getRowNum(), 4, 5);
            region(headings.getRowNum(), headings.getRowNum(), 6, 7);
            for (FormView.Difference difference : form.publishedDifferences()) {
                Row row = row(20f);
                text(row, 0, difference.field(), styles.text);
                blanks(row, 1, 3, styles.text);
                figure(row, 4, difference.published(), styles.decimal, styles.text);
                blanks(row, 5, 5, styles.text);
                figure(row, 6, difference.computed() == null ? NOT_SCORED : difference.computed(), styles.decimal,
                        styles.centred);
                blanks(row, 7, 7, styles.text);
                region(row.getRowNum(), row.getRowNum(), 0, 3);
                region(row.getRowNum(), row.getRowNum(), 4, 5);
                region(row.getRowNum(), row.getRowNum(), 6, 7);
            }
        }
        note(snapshotNote);
    }

    private void note(String note) {
        Row row = row(XlsxCells.height(XlsxCells.lines(note, span(0, 7))));
        CellStyle style = styles.note;
        text(row, 0, note, style);
        blanks(row, 1, COLUMNS - 1, style);
        region(row.getRowNum(), row.getRowNum(), 0, COLUMNS - 1);
    }

    private static boolean repeated(String text, String following) {
        return text != null && !text.isBlank() && text.equals(following);
    }

    private static String orDash(String text) {
        return text == null || text.isBlank() ? FormLabels.NONE : text;
    }

    private static int span(int first, int last) {
        int width = 0;
        for (int column = first; column <= last; column++) {
            width += WIDTHS[column];
        }
        return width;
    }

    private Row row(float height) {
        Row row = sheet.createRow(next++);
        row.setHeightInPoints(height);
        return row;
    }

    /**
     * Merges the region. Its frame needs nothing more: every cell a region of the table covers was created in a style
     * with a thin border on all four sides (the title and the notes below the table are the only regions without),
     * which is what {@code RegionUtil} would set on the region's edges, without RegionUtil's search through the
     * workbook's styles for every edge cell (it took a third of the export's time) and without its reach being
     * limited to the rows still in SXSSF's window.
     */
    private void region(int firstRow, int lastRow, int firstColumn, int lastColumn) {
        XlsxCells.merge(sheet, firstRow, lastRow, firstColumn, lastColumn);
    }
}
