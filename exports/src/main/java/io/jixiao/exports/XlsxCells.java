package io.jixiao.exports;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;

import java.math.BigDecimal;

/**
 * How a value becomes a cell. Texts are always string cells, never formulas, so a text such as
 * {@code =HYPERLINK(…)} shows as written and cannot run. Figures are numeric cells with a number format: a decimal
 * string goes through {@link BigDecimal} to the nearest double, which POI writes in its shortest round-trip form;
 * with at most 15 significant digits (every figure of a form has at most 11) that double reads back as exactly the
 * same decimal. A figure with more digits, or a text that is no decimal, is written as the string it is.
 */
final class XlsxCells {

    /** Doubles carry 15 significant decimal digits exactly. */
    private static final int EXACT_DIGITS = 15;

    private XlsxCells() {
    }

    /** A string cell; an empty or missing text leaves it blank. */
    static Cell text(Row row, int column, String text, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellStyle(style);
        if (text != null && !text.isEmpty()) {
            cell.setCellValue(Texts.forCell(text));
        }
        return cell;
    }

    /** A figure: a number in {@code numberStyle} if the text is a decimal, else the text in {@code textStyle}. */
    static Cell figure(Row row, int column, String text, CellStyle numberStyle, CellStyle textStyle) {
        BigDecimal value = Decimals.parse(text);
        if (value == null || value.precision() > EXACT_DIGITS) {
            return text(row, column, text, textStyle);
        }
        Cell cell = row.createCell(column);
        cell.setCellStyle(numberStyle);
        cell.setCellValue(value.doubleValue());
        return cell;
    }

    /** Blank cells in {@code style} from {@code first} to {@code last}, where a merged region covers them. */
    static void blanks(Row row, int first, int last, CellStyle style) {
        for (int column = first; column <= last; column++) {
            if (row.getCell(column) == null) {
                row.createCell(column).setCellStyle(style);
            }
        }
    }

    /** Merges a region of cells that exist already; nothing if it is a single cell. */
    static CellRangeAddress merge(Sheet sheet, int firstRow, int lastRow, int firstColumn, int lastColumn) {
        if (firstRow == lastRow && firstColumn == lastColumn) {
            return null;
        }
        CellRangeAddress region = new CellRangeAddress(firstRow, lastRow, firstColumn, lastColumn);
        sheet.addMergedRegionUnsafe(region);
        return region;
    }

    /** Display width of a text in units of a Latin character: CJK and other wide characters count twice. */
    static int width(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            width += c >= 0x1100 ? 2 : 1;
            i += Character.charCount(c);
        }
        return width;
    }

    /** Lines a wrapped text takes in a cell {@code columns} Latin characters wide. */
    static int lines(String text, int columns) {
        if (text == null || text.isEmpty()) {
            return 1;
        }
        int usable = Math.max(1, columns - 1);
        int lines = 0;
        for (String line : text.split("\n", -1)) {
            lines += Math.max(1, (width(line) + usable - 1) / usable);
        }
        return lines;
    }

    /** A row high enough for {@code lines} lines of 11-point text, within Excel's 409 points. */
    static float height(int lines) {
        return Math.min(409f, Math.max(18f, lines * 14.5f + 4f));
    }
}
