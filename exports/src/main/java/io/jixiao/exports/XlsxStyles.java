package io.jixiao.exports;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * The few cell styles of an export, made once per workbook (a style per cell would exhaust Excel's 64,000). Every
 * style used inside a form's table has a thin border on all four sides, so every cell of the table, merged or not,
 * is framed.
 */
final class XlsxStyles {

    /** The font of the official forms. */
    static final String FONT = "宋体";

    /** 万元 with 2 decimals and thousands separators. */
    static final String AMOUNT_FORMAT = "#,##0.00";

    /** Rates, weights and scores: 2 decimals. */
    static final String DECIMAL_FORMAT = "0.00";

    final CellStyle title;
    final CellStyle subtitle;
    final CellStyle heading;
    final CellStyle text;
    final CellStyle centred;
    final CellStyle amount;
    final CellStyle decimal;
    final CellStyle integer;
    final CellStyle note;
    final CellStyle label;
    final CellStyle value;

    XlsxStyles(Workbook workbook) {
        Font plain = font(workbook, false, (short) 11);
        Font bold = font(workbook, true, (short) 11);
        Font large = font(workbook, true, (short) 16);
        Font small = font(workbook, false, (short) 9);

        title = style(workbook, large, HorizontalAlignment.CENTER, false, false);
        subtitle = style(workbook, plain, HorizontalAlignment.CENTER, false, false);
        heading = style(workbook, bold, HorizontalAlignment.CENTER, true, true);
        heading.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        heading.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        text = style(workbook, plain, HorizontalAlignment.LEFT, true, true);
        centred = style(workbook, plain, HorizontalAlignment.CENTER, true, true);
        amount = style(workbook, plain, HorizontalAlignment.RIGHT, true, false);
        amount.setDataFormat(workbook.createDataFormat().getFormat(AMOUNT_FORMAT));
        decimal = style(workbook, plain, HorizontalAlignment.RIGHT, true, false);
        decimal.setDataFormat(workbook.createDataFormat().getFormat(DECIMAL_FORMAT));
        integer = style(workbook, plain, HorizontalAlignment.CENTER, true, false);
        integer.setDataFormat(workbook.createDataFormat().getFormat("0"));
        note = style(workbook, small, HorizontalAlignment.LEFT, false, false);
        label = style(workbook, bold, HorizontalAlignment.LEFT, false, false);
        value = style(workbook, plain, HorizontalAlignment.LEFT, false, false);
    }

    private static Font font(Workbook workbook, boolean bold, short points) {
        Font font = workbook.createFont();
        font.setFontName(FONT);
        font.setFontHeightInPoints(points);
        font.setBold(bold);
        return font;
    }

    private static CellStyle style(Workbook workbook, Font font, HorizontalAlignment alignment, boolean bordered,
                                   boolean wrapped) {
        CellStyle style = workbook.createCellStyle();
        style.setFont(font);
        style.setAlignment(alignment);
        style.setVerticalAlignment(VerticalAlignment.CENTER);
        style.setWrapText(wrapped);
        if (bordered) {
            style.setBorderTop(BorderStyle.THIN);
            style.setBorderBottom(BorderStyle.THIN);
            style.setBorderLeft(BorderStyle.THIN);
            style.setBorderRight(BorderStyle.THIN);
        }
        return style;
    }
}
