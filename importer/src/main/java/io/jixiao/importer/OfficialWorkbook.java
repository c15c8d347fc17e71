package io.jixiao.importer;

import io.jixiao.exports.FormLabels;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Forms kept in Excel, in the official layout of the 财政项目支出绩效自评表 (as the snapshot export writes it, or as
 * a unit fills the template by hand), read into the import file's structure ({@code {"projects":[…]}}), so that
 * they are planned and posted as any import file is.
 *
 * <p>Every sheet with a 项目名称 row and an indicator table is a form; the others (the export's summary 汇总) are
 * skipped. Parts are found by their printed labels ({@link FormLabels}) in column A and by their headings, not by
 * fixed rows, so a hand-made form with rows added or a different number of indicators reads the same. A cell a
 * merged region covers reads as the region's first cell (a 一级指标 printed once for its run of rows).
 *
 * <p>Figures are read exactly: a number cell as the shortest decimal of its value, shown with as many decimals as its
 * number format prints (2 for {@code #,##0.00}); a formula cell by its cached result; a text cell as its text, which
 * the planner then reads as it reads a printed figure. The notes below the table give back the project code
 * (项目编码 {@code <year>-<code>}) and the rule set, and the table of published figures the live form did not
 * reproduce gives back what the published form printed, so a form exported and imported again is the same form.
 */
public final class OfficialWorkbook {

    private static final Pattern YEAR = Pattern.compile("(\\d{4})\\s*年度");
    private static final Pattern BRACKETED = Pattern.compile("[（(]\\s*([^）)]+?)\\s*[）)]");
    /** The published figures' paths (scoring-service's {@code publishedDifferences[].field}) that the file can carry. */
    private static final Pattern FUND_FIELD = Pattern.compile("funds\\.(\\w+)\\.(initial|fullYear|executed|rate)");
    private static final Pattern INDICATOR_FIELD = Pattern.compile("indicators\\.i(\\d+)\\.(weight|score)");

    private OfficialWorkbook() {
    }

    /** Whether the file is a zip (an XLSX) rather than a JSON text. */
    public static boolean isWorkbook(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        } catch (IOException e) {
            return false;
        }
    }

    /** The workbook's forms as the text of an import file; {@code source} names where they come from. */
    public static String read(Path file, String source) {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
             XSSFWorkbook workbook = new XSSFWorkbook(pkg)) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("source", source);
            ArrayNode projects = root.putArray("projects");
            for (Sheet sheet : workbook) {
                ObjectNode project = new FormReader(sheet).read();
                if (project != null) {
                    projects.add(project);
                }
            }
            if (projects.isEmpty()) {
                throw new ImportPlanner.ImportFileException("no sheet of " + file.getFileName()
                        + " is a form in the official layout (项目名称, 项目资金, 一级指标 … 总分)");
            }
            return Json.write(root);
        } catch (InvalidFormatException | NotOfficeXmlFileException e) {
            throw new ImportPlanner.ImportFileException(file.getFileName() + " is not an XLSX workbook: " + e.getMessage());
        } catch (IOException e) {
            throw new ImportPlanner.ImportFileException("cannot read " + file.getFileName() + ": " + e.getMessage());
        }
    }

    /** One sheet, read top to bottom. */
    private static final class FormReader {

        private final Sheet sheet;
        private final Map<Long, CellRangeAddress> merged = new HashMap<>();

        FormReader(Sheet sheet) {
            this.sheet = sheet;
            for (CellRangeAddress region : sheet.getMergedRegions()) {
                for (int r = region.getFirstRow(); r <= region.getLastRow(); r++) {
                    for (int c = region.getFirstColumn(); c <= region.getLastColumn(); c++) {
                        merged.put(key(r, c), region);
                    }
                }
            }
        }

        /** The form, or null when the sheet is not one. */
        ObjectNode read() {
            int nameRow = rowLabelled(FormLabels.PROJECT_NAME, 0);
            int indicatorRow = rowLabelled(FormLabels.INDICATOR_HEADINGS.get(0), 0);
            if (nameRow < 0 || indicatorRow < 0) {
                return null;
            }
            ObjectNode project = Json.MAPPER.createObjectNode();
            project.put("name", text(nameRow, right(nameRow, 0)));
            Integer year = year(nameRow);
            if (year != null) {
                project.put("year", year);
            }
            int unitsRow = rowLabelled(FormLabels.DEPARTMENT, 0);
            if (unitsRow >= 0) {
                project.put("department", text(unitsRow, right(unitsRow, 0)));
                int unitColumn = columnLabelled(unitsRow, FormLabels.IMPLEMENTING_UNIT);
                if (unitColumn >= 0) {
                    project.put("implementingUnit", text(unitsRow, right(unitsRow, unitColumn)));
                }
            }
            project.put("currency", "CNY");
            String amountUnit = funds(project);
            goal(project);
            indicators(project, indicatorRow);
            closing(project, indicatorRow);
            notes(project, year);
            published(project, amountUnit);
            return project;
        }

        private Integer year(int before) {
            for (int r = sheet.getFirstRowNum(); r < before; r++) {
                Matcher m = YEAR.matcher(blankIfNull(text(r, 0)));
                if (m.find()) {
                    return Integer.valueOf(m.group(1));
                }
            }
            return null;
        }

        /** The funds block; its amount unit. */
        private String funds(ObjectNode project) {
            int headings = rowStartingWith(FormLabels.FUNDS);
            if (headings < 0) {
                return null;
            }
            Matcher unit = BRACKETED.matcher(blankIfNull(text(headings, 0)));
            String amountUnit = unit.find() ? unit.group(1) : null;
            if (amountUnit != null) {
                project.put("amountUnit", amountUnit);
            }
            Map<String, Integer> columns = columns(headings, FormLabels.FUND_HEADINGS);
            ObjectNode funds = project.putObject("funds");
            for (int r = headings + 1; r <= sheet.getLastRowNum(); r++) {
                String label = blankIfNull(text(r, 1)).replace(FormLabels.OF_WHICH, "").strip();
                FormLabels.FundRow row = FormLabels.FUND_ROWS.stream().filter(f -> f.label().equals(label)).findFirst().orElse(null);
                if (row == null) {
                    break;
                }
                ObjectNode figures = funds.putObject(row.field());
                put(figures, "initial", figure(r, columns.get("年初预算数")));
                put(figures, "fullYear", figure(r, columns.get("全年预算数")));
                put(figures, "executed", figure(r, columns.get("全年执行数")));
                put(figures, "rate", figure(r, columns.get("执行率（%）")));
                if (row.field().equals("total")) {
                    put(funds, "weight", figure(r, columns.get("分值")));
                    put(funds, "score", figure(r, columns.get("得分")));
                }
            }
            return amountUnit;
        }

        private void goal(ObjectNode project) {
            int headings = rowLabelled(FormLabels.GOAL, 0);
            if (headings < 0) {
                return;
            }
            int expected = columnLabelled(headings, FormLabels.GOAL_EXPECTED);
            int achieved = columnLabelled(headings, FormLabels.GOAL_ACHIEVED);
            ObjectNode goal = project.putObject("goal");
            put(goal, "expected", expected < 0 ? null : text(headings + 1, expected));
            put(goal, "actual", achieved < 0 ? null : text(headings + 1, achieved));
        }

        private void indicators(ObjectNode project, int headings) {
            Map<String, Integer> columns = columns(headings, FormLabels.INDICATOR_HEADINGS);
            List<String> fields = List.of("level1", "level2", "level3", "target", "actual", "weight", "score", "deviation");
            ArrayNode indicators = project.putArray("indicators");
            for (int r = headings + 1; r <= sheet.getLastRowNum(); r++) {
                String first = normalised(text(r, 0));
                if (first.equals(FormLabels.TOTAL) || first.equals(FormLabels.GRADE)) {
                    break;
                }
                ObjectNode indicator = Json.MAPPER.createObjectNode();
                boolean any = false;
                for (int i = 0; i < fields.size(); i++) {
                    Integer column = columns.get(FormLabels.INDICATOR_HEADINGS.get(i));
                    String value = column == null ? null : i == 5 || i == 6 ? figure(r, column) : text(r, column);
                    if (value != null && !value.isEmpty()) {
                        indicator.put(fields.get(i), value);
                        any = any || i >= 2;
                    }
                }
                if (any) {
                    if (!indicator.has("deviation")) {
                        indicator.put("deviation", "");
                    }
                    indicators.add(indicator);
                }
            }
        }

        /** 总分 in the indicator table's 得分 column ({@code headings} is the table's heading row), then 评分等级. */
        private void closing(ObjectNode project, int headings) {
            int total = rowLabelled(FormLabels.TOTAL, 0);
            Integer scoreColumn = columns(headings, FormLabels.INDICATOR_HEADINGS).get("得分");
            if (total >= 0 && scoreColumn != null) {
                put(project, "total", figure(total, scoreColumn));
            }
            int grade = rowLabelled(FormLabels.GRADE, 0);
            if (grade >= 0) {
                put(project, "grade", firstTextRightOf(grade, 0));
            }
        }

        /** 项目编码：2023-F0123456789　评分规则：shanghai-2023　状态：… */
        private void notes(ObjectNode project, Integer year) {
            int row = rowStartingWith(FormLabels.PROJECT_CODE);
            if (row < 0) {
                return;
            }
            for (String part : text(row, 0).split(FormLabels.NOTE_SEPARATOR)) {
                String value = null;
                if (part.startsWith(FormLabels.PROJECT_CODE)) {
                    value = part.substring(FormLabels.PROJECT_CODE.length()).strip();
                    String prefix = year == null ? null : year + "-";
                    if (prefix != null && value.startsWith(prefix) && value.length() > prefix.length()) {
                        project.put("code", value.substring(prefix.length()));
                    }
                } else if (part.startsWith(FormLabels.RULE_SET)) {
                    value = part.substring(FormLabels.RULE_SET.length()).strip();
                    if (!value.isEmpty() && !value.equals(FormLabels.NONE)) {
                        project.put("ruleSet", value);
                    }
                }
            }
        }

        /**
         * The figures the published form printed where the live form differs: put back in place of the live ones, so
         * that the import sends them as the published figures again. Amounts are kept in 元, the form prints them in
         * its amount unit.
         */
        private void published(ObjectNode project, String amountUnit) {
            int headings = rowLabelled(FormLabels.PUBLISHED_DIFFERENCES, 0);
            if (headings < 0) {
                return;
            }
            int publishedColumn = columnLabelled(headings, "公开数");
            for (int r = headings + 1; r <= sheet.getLastRowNum() && publishedColumn >= 0; r++) {
                String field = text(r, 0);
                String value = figure(r, publishedColumn);
                if (field == null || value == null || !field.matches("[\\w.]+")) {
                    break;
                }
                Matcher fund = FUND_FIELD.matcher(field);
                Matcher indicator = INDICATOR_FIELD.matcher(field);
                if (fund.matches() && project.path("funds").path(fund.group(1)).isObject()) {
                    String column = fund.group(2);
                    ((ObjectNode) project.get("funds").get(fund.group(1))).put(column,
                            column.equals("rate") ? value : inUnit(value, amountUnit));
                } else if (field.equals("funds.weight") || field.equals("funds.score")) {
                    ((ObjectNode) project.withObject("funds")).put(field.substring("funds.".length()), value);
                } else if (indicator.matches()) {
                    int index = Integer.parseInt(indicator.group(1)) - 1;
                    if (index >= 0 && index < project.path("indicators").size()) {
                        ((ObjectNode) project.get("indicators").get(index)).put(indicator.group(2), value);
                    }
                } else if (field.equals("total") || field.equals("grade")) {
                    project.put(field, value);
                }
            }
        }

        private static String inUnit(String yuan, String amountUnit) {
            if (!"万元".equals(amountUnit)) {
                return yuan;
            }
            try {
                BigDecimal wan = new BigDecimal(yuan).movePointLeft(4);
                return wan.setScale(Math.max(2, wan.stripTrailingZeros().scale())).toPlainString();
            } catch (NumberFormatException e) {
                return yuan;
            }
        }

        // ---- cells

        private int rowLabelled(String label, int column) {
            String wanted = normalised(label);
            for (int r = sheet.getFirstRowNum(); r <= sheet.getLastRowNum(); r++) {
                if (normalised(text(r, column)).equals(wanted)) {
                    return r;
                }
            }
            return -1;
        }

        private int rowStartingWith(String prefix) {
            for (int r = sheet.getFirstRowNum(); r <= sheet.getLastRowNum(); r++) {
                if (blankIfNull(text(r, 0)).startsWith(prefix)) {
                    return r;
                }
            }
            return -1;
        }

        private int columnLabelled(int row, String label) {
            Row r = sheet.getRow(row);
            if (r == null) {
                return -1;
            }
            String wanted = normalised(label);
            for (int c = 0; c < r.getLastCellNum(); c++) {
                if (!covered(row, c) && normalised(text(row, c)).equals(wanted)) {
                    return c;
                }
            }
            return -1;
        }

        private Map<String, Integer> columns(int row, List<String> headings) {
            Map<String, Integer> columns = new LinkedHashMap<>();
            for (String heading : headings) {
                int c = columnLabelled(row, heading);
                if (c >= 0) {
                    columns.put(heading, c);
                }
            }
            return columns;
        }

        /** The first column right of the cell at {@code column} (and of the merged region it starts). */
        private int right(int row, int column) {
            CellRangeAddress region = merged.get(key(row, column));
            return region == null ? column + 1 : region.getLastColumn() + 1;
        }

        /** The first text right of the label at {@code column} (a grade in F of the template, or further right). */
        private String firstTextRightOf(int row, int column) {
            Row r = sheet.getRow(row);
            for (int c = right(row, column); r != null && c < r.getLastCellNum(); c++) {
                String text = text(row, c);
                if (text != null) {
                    return text;
                }
            }
            return null;
        }

        /** Whether the cell is covered by a merged region that starts elsewhere. */
        private boolean covered(int row, int column) {
            CellRangeAddress region = merged.get(key(row, column));
            return region != null && (region.getFirstRow() != row || region.getFirstColumn() != column);
        }

        private Cell cell(int row, int column) {
            CellRangeAddress region = merged.get(key(row, column));
            if (region != null) {
                row = region.getFirstRow();
                column = region.getFirstColumn();
            }
            Row r = sheet.getRow(row);
            return r == null ? null : r.getCell(column);
        }

        /** A text as the cell shows it, stripped; null for a blank cell. */
        private String text(int row, int column) {
            Cell cell = cell(row, column);
            if (cell == null) {
                return null;
            }
            CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
            String text = switch (type) {
                case STRING -> cell.getStringCellValue();
                case NUMERIC -> number(cell);
                case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
                default -> null;
            };
            return text == null || text.isBlank() ? null : text.strip();
        }

        /** A figure: a number cell exactly, a text as printed; null for a blank cell or a 不计分 dash. */
        private String figure(int row, Integer column) {
            if (column == null) {
                return null;
            }
            String text = text(row, column);
            return text == null || text.equals(FormLabels.NOT_SCORED) ? null : text;
        }

        /** The shortest decimal of the cell's value, with the decimals its number format shows. */
        private static String number(Cell cell) {
            BigDecimal value = BigDecimal.valueOf(cell.getNumericCellValue());
            String format = cell.getCellStyle() == null ? "" : cell.getCellStyle().getDataFormatString();
            int shown = 0;
            int point = format == null ? -1 : format.indexOf('.');
            if (point >= 0) {
                while (point + 1 + shown < format.length() && format.charAt(point + 1 + shown) == '0') {
                    shown++;
                }
            }
            int scale = Math.max(shown, Math.max(0, value.stripTrailingZeros().scale()));
            return value.setScale(scale).toPlainString();
        }

        private static long key(int row, int column) {
            return (long) row << 16 | column;
        }
    }

    /** A label with its line breaks and spaces removed, so 年度\n总体目标 and 年度总体目标 are the same. */
    private static String normalised(String text) {
        return text == null ? "" : text.replaceAll("\\s", "");
    }

    private static String blankIfNull(String text) {
        return text == null ? "" : text;
    }

    private static void put(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
