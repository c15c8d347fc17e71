package io.jixiao.exports;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading an exported workbook back the way a person's spreadsheet would show it. */
final class Workbooks {

    private static final DataFormatter DISPLAY = new DataFormatter(Locale.ROOT);

    private Workbooks() {
    }

    static byte[] xlsx(SnapshotHeader header, List<JsonNode> forms) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XlsxExport.write(header, forms, out, Progress.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static XSSFWorkbook open(byte[] bytes) {
        try {
            return new XSSFWorkbook(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Cell cell(Sheet sheet, int row, int column) {
        Row r = sheet.getRow(row);
        assertThat(r).as("%s row %d", sheet.getSheetName(), row + 1).isNotNull();
        Cell cell = r.getCell(column);
        assertThat(cell).as("%s %s", sheet.getSheetName(), address(row, column)).isNotNull();
        return cell;
    }

    /**
     * The text a cell shows: its own, or, for a cell covered by a merged region, the region's first cell's (which is
     * what a spreadsheet shows there). Asserts it is a string cell.
     */
    static String text(Sheet sheet, int row, int column) {
        Cell cell = cell(sheet, row, column);
        for (CellRangeAddress region : sheet.getMergedRegions()) {
            if (region.isInRange(row, column) && (region.getFirstRow() != row || region.getFirstColumn() != column)) {
                Cell first = cell(sheet, region.getFirstRow(), region.getFirstColumn());
                assertThat(cell.getCellType()).as("%s %s under a merge", sheet.getSheetName(), address(row, column))
                        .isEqualTo(CellType.BLANK);
                cell = first;
                break;
            }
        }
        if (cell.getCellType() == CellType.BLANK) {
            return null;
        }
        assertThat(cell.getCellType()).as("%s %s", sheet.getSheetName(), address(row, column)).isEqualTo(CellType.STRING);
        return cell.getStringCellValue();
    }

    /**
     * Asserts the cell holds exactly the figure {@code expected} (a decimal string) as a number, with the number format
     * {@code format}, and shows it as {@code display}. The cell's double is read back through its shortest decimal
     * form, which for figures of at most 15 digits is the decimal that was written.
     */
    static void figure(Sheet sheet, int row, int column, String expected, String format, String display) {
        Cell cell = cell(sheet, row, column);
        String where = sheet.getSheetName() + " " + address(row, column);
        assertThat(cell.getCellType()).as(where).isEqualTo(CellType.NUMERIC);
        BigDecimal value = new BigDecimal(Double.toString(cell.getNumericCellValue()));
        assertThat(value).as(where).isEqualByComparingTo(new BigDecimal(expected));
        assertThat(cell.getCellStyle().getDataFormatString()).as(where).isEqualTo(format);
        assertThat(DISPLAY.formatCellValue(cell)).as(where).isEqualTo(display);
    }

    static String address(int row, int column) {
        return new org.apache.poi.ss.util.CellReference(row, column).formatAsString();
    }
}
