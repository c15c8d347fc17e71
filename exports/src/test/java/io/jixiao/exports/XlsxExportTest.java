package io.jixiao.exports;

import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.util.Reproducibility;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static io.jixiao.exports.Workbooks.cell;
import static io.jixiao.exports.Workbooks.figure;
import static io.jixiao.exports.Workbooks.text;
import static org.assertj.core.api.Assertions.assertThat;

class XlsxExportTest {

    private static final String AMOUNT = "#,##0.00";
    private static final String DECIMAL = "0.00";
    private static final String[] FUND_FIELDS = {"total", "currentYearAppropriation", "priorYearCarryover", "otherFunds"};
    private static final String[] FUND_LABELS = {"年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金"};

    @Test
    void everyFigureAndTextOfEverySeedFormIsOnItsSheet() throws Exception {
        List<JsonNode> forms = Fixtures.liveSeedForms();
        byte[] bytes = Workbooks.xlsx(Fixtures.HEADER, forms);
        Files.write(Fixtures.samples().resolve("forms-2023.xlsx"), bytes);

        int figures = 0;
        int texts = 0;
        try (XSSFWorkbook workbook = Workbooks.open(bytes)) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(1 + forms.size());
            for (int i = 0; i < forms.size(); i++) {
                JsonNode form = forms.get(i);
                Sheet sheet = workbook.getSheetAt(1 + i);
                assertThat(sheet.getSheetName()).isEqualTo(form.get("projectId").stringValue());

                assertThat(text(sheet, 0, 0)).isEqualTo("财政项目支出绩效自评表");
                assertThat(text(sheet, 1, 0)).isEqualTo("（2023 年度）");
                assertThat(text(sheet, 2, 0)).isEqualTo("项目名称");
                assertThat(text(sheet, 2, 1)).isEqualTo(s(form, "name"));
                assertThat(text(sheet, 3, 0)).isEqualTo("主管部门");
                assertThat(text(sheet, 3, 1)).isEqualTo(s(form, "department"));
                assertThat(text(sheet, 3, 4)).isEqualTo("实施单位");
                assertThat(text(sheet, 3, 5)).isEqualTo(s(form, "implementingUnit"));
                texts += 3;

                assertThat(text(sheet, 4, 0)).isEqualTo("项目资金\n（万元）");
                assertThat(List.of(text(sheet, 4, 2), text(sheet, 4, 3), text(sheet, 4, 4), text(sheet, 4, 5),
                        text(sheet, 4, 6), text(sheet, 4, 7)))
                        .containsExactly("年初预算数", "全年预算数", "全年执行数", "分值", "执行率（%）", "得分");
                JsonNode funds = form.get("funds");
                for (int f = 0; f < FUND_FIELDS.length; f++) {
                    int row = 5 + f;
                    JsonNode fund = funds.get(FUND_FIELDS[f]);
                    assertThat(text(sheet, row, 0)).isEqualTo("项目资金\n（万元）");
                    assertThat(text(sheet, row, 1)).isEqualTo(FUND_LABELS[f]);
                    amount(sheet, row, 2, s(fund, "initial"));
                    amount(sheet, row, 3, s(fund, "fullYear"));
                    amount(sheet, row, 4, s(fund, "executed"));
                    decimal(sheet, row, 6, s(fund, "rate"));
                    figures += 4;
                    if (f == 0) {
                        decimal(sheet, row, 5, s(funds, "weight"));
                        decimal(sheet, row, 7, s(funds, "score"));
                        figures += 2;
                    } else {
                        assertThat(text(sheet, row, 5)).isEqualTo("—");
                        assertThat(text(sheet, row, 7)).isEqualTo("—");
                    }
                }

                assertThat(text(sheet, 9, 0)).isEqualTo("年度\n总体目标");
                assertThat(text(sheet, 9, 1)).isEqualTo("预期目标");
                assertThat(text(sheet, 9, 4)).isEqualTo("实际完成情况");
                assertThat(text(sheet, 10, 1)).isEqualTo(s(form.get("goal"), "expected"));
                assertThat(text(sheet, 10, 4)).isEqualTo(s(form.get("goal"), "actual"));
                texts += 2;

                assertThat(List.of(text(sheet, 11, 0), text(sheet, 11, 1), text(sheet, 11, 2), text(sheet, 11, 3),
                        text(sheet, 11, 4), text(sheet, 11, 5), text(sheet, 11, 6), text(sheet, 11, 7)))
                        .containsExactly("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                                "偏差原因分析及改进措施");
                int row = 12;
                for (JsonNode indicator : form.get("indicators")) {
                    assertThat(text(sheet, row, 0)).isEqualTo(s(indicator, "level1"));
                    assertThat(text(sheet, row, 1)).isEqualTo(s(indicator, "level2"));
                    assertThat(text(sheet, row, 2)).isEqualTo(s(indicator, "level3"));
                    assertThat(text(sheet, row, 3)).isEqualTo(s(indicator, "target"));
                    assertThat(text(sheet, row, 4)).isEqualTo(s(indicator, "actual"));
                    decimal(sheet, row, 5, s(indicator, "weight"));
                    decimal(sheet, row, 6, s(indicator, "score"));
                    assertThat(text(sheet, row, 7)).isEqualTo(emptyToNull(s(indicator, "deviation")));
                    figures += 2;
                    texts += 6;
                    row++;
                }
                assertThat(text(sheet, row, 0)).isEqualTo("总分");
                decimal(sheet, row, 5, "100.00");
                decimal(sheet, row, 6, s(form, "total"));
                assertThat(text(sheet, row + 1, 0)).isEqualTo("评分等级");
                assertThat(text(sheet, row + 1, 5)).isEqualTo(s(form, "grade"));
                figures++;
                texts++;
            }
        }
        System.out.printf("XLSX of the 7 seed forms: %d figures and %d texts compared%n", figures, texts);
        assertThat(figures).isEqualTo(7 * (4 * 4 + 2 + 1) + 2 * 32);
    }

    @Test
    void theSummarySheetNamesTheSnapshotAndListsEveryProjectYear() throws Exception {
        List<JsonNode> forms = Fixtures.liveSeedForms();
        ((ObjectNode) forms.get(5)).putArray("flags").add("OVER_EXECUTION").add("PUBLISHED_DIFFERS:total");
        try (XSSFWorkbook workbook = Workbooks.open(Workbooks.xlsx(Fixtures.HEADER, forms))) {
            Sheet summary = workbook.getSheetAt(0);
            assertThat(summary.getSheetName()).isEqualTo("汇总");
            assertThat(workbook.getActiveSheetIndex()).isZero();
            String[][] header = {{"快照编号", "snap-2023-Q4-01"}, {"季度", "2023-Q4"}, {"主管部门", "全部"},
                    {"截至日期", "2023-12-31"}, {"数据截至记录时间", "2024-01-10T00:00:00+08:00"},
                    {"快照时间", "2024-01-10T09:30:15+08:00"}, {"SM3 摘要", Fixtures.HEADER.digest()}};
            for (int i = 0; i < header.length; i++) {
                assertThat(text(summary, 1 + i, 0)).isEqualTo(header[i][0]);
                assertThat(text(summary, 1 + i, 1)).isEqualTo(header[i][1]);
            }
            List<String> headings = new ArrayList<>();
            summary.getRow(9).forEach(cell -> headings.add(cell.getStringCellValue()));
            assertThat(headings).containsExactly("项目编码", "项目名称", "主管部门", "实施单位", "年度", "全年预算数",
                    "全年执行数", "执行率（%）", "资金得分", "总分", "评分等级", "状态", "标记", "工作表", "金额单位");
            for (int i = 0; i < forms.size(); i++) {
                JsonNode form = forms.get(i);
                int row = 10 + i;
                assertThat(text(summary, row, 0)).isEqualTo(s(form, "projectId"));
                assertThat(text(summary, row, 1)).isEqualTo(s(form, "name"));
                assertThat(text(summary, row, 2)).isEqualTo(s(form, "department"));
                assertThat(text(summary, row, 3)).isEqualTo(s(form, "implementingUnit"));
                figure(summary, row, 4, "2023", "0", "2023");
                amount(summary, row, 5, s(form.get("funds").get("total"), "fullYear"));
                amount(summary, row, 6, s(form.get("funds").get("total"), "executed"));
                decimal(summary, row, 7, s(form.get("funds").get("total"), "rate"));
                decimal(summary, row, 8, s(form.get("funds"), "score"));
                decimal(summary, row, 9, s(form, "total"));
                assertThat(text(summary, row, 10)).isEqualTo(s(form, "grade"));
                assertThat(text(summary, row, 11)).isEqualTo("CLOSED");
                assertThat(text(summary, row, 13)).isEqualTo(s(form, "projectId"));
                assertThat(text(summary, row, 14)).isEqualTo("万元");
            }
            assertThat(text(summary, 15, 12)).isEqualTo("OVER_EXECUTION, PUBLISHED_DIFFERS:total");
            assertThat(text(summary, 10, 12)).isNull();
            assertThat(summary.getLastRowNum()).isEqualTo(9 + forms.size());
        }
        SnapshotHeader ofOneDepartment = new SnapshotHeader("s2", "2023-Q1", "上海市科学技术委员会",
                java.time.LocalDate.of(2023, 3, 31), Fixtures.HEADER.knownAt(), Fixtures.HEADER.takenAt(), "ab");
        try (XSSFWorkbook workbook = Workbooks.open(Workbooks.xlsx(ofOneDepartment, List.of()))) {
            assertThat(text(workbook.getSheetAt(0), 3, 1)).isEqualTo("上海市科学技术委员会");
            assertThat(workbook.getNumberOfSheets()).isEqualTo(1);
        }
    }

    @Test
    void amountsShowInWanYuanWithTwoDecimalsAndThousandsSeparators() throws Exception {
        try (XSSFWorkbook workbook = Workbooks.open(Workbooks.xlsx(Fixtures.HEADER, Fixtures.liveSeedForms()))) {
            Sheet sheet = workbook.getSheetAt(2); // 科普场馆运行保障经费
            figure(sheet, 5, 2, "7565.92", AMOUNT, "7,565.92");
            figure(sheet, 6, 4, "2899.03", AMOUNT, "2,899.03");
            figure(sheet, 7, 2, "0.00", AMOUNT, "0.00");
            figure(sheet, 5, 6, "42.68", DECIMAL, "42.68");
            figure(sheet, 5, 7, "4.26", DECIMAL, "4.26");
        }
    }

    @Test
    void repeatedLevelsAreMergedAndEveryCellOfTheTableIsFramed() throws Exception {
        try (XSSFWorkbook workbook = Workbooks.open(Workbooks.xlsx(Fixtures.HEADER, Fixtures.liveSeedForms()))) {
            Sheet sheet = workbook.getSheetAt(4); // 信息化运维项目: 5 产出 (2 数量, 2 质量, 1 时效), 2 效益 (社会), 1 满意度
            List<String> merged = sheet.getMergedRegions().stream().map(CellRangeAddress::formatAsString).toList();
            assertThat(merged).contains("A1:H1", "A2:H2", "B3:H3", "B4:D4", "F4:H4", "A5:A9", "A10:A11", "B10:D10",
                    "E10:H10", "B11:D11", "E11:H11", "A13:A17", "B13:B14", "B15:B16", "A18:A19", "B18:B19", "A21:E21",
                    "A22:E22", "F22:H22");
            assertThat(merged).doesNotContain("B17:B17", "A20:A20");
            assertThat(text(sheet, 12, 0)).isEqualTo("产出指标");
            assertThat(cell(sheet, 13, 0).getCellType()).isEqualTo(CellType.BLANK);
            assertThat(text(sheet, 16, 1)).isEqualTo("时效指标");

            for (int s = 1; s < workbook.getNumberOfSheets(); s++) {
                Sheet form = workbook.getSheetAt(s);
                int gradeRow = gradeRow(form);
                for (int r = 2; r <= gradeRow; r++) {
                    for (int c = 0; c < 8; c++) {
                        CellStyle style = cell(form, r, c).getCellStyle();
                        assertThat(List.of(style.getBorderTop(), style.getBorderBottom(), style.getBorderLeft(),
                                style.getBorderRight()))
                                .as("%s %s", form.getSheetName(), Workbooks.address(r, c))
                                .containsOnly(BorderStyle.THIN);
                    }
                }
            }
        }
    }

    @Test
    void anIndicatorTableLongerThanTheRowWindowIsMergedAndFramedToTheEnd() throws Exception {
        ObjectNode form = (ObjectNode) Fixtures.liveSeedForms().get(0).deepCopy();
        var indicators = form.putArray("indicators");
        for (int i = 0; i < 150; i++) {
            indicators.addObject().put("level1", "产出指标").put("level2", i < 140 ? "数量指标" : "质量指标")
                    .put("level3", "指标 " + i).put("target", "≥" + i).put("actual", Integer.toString(i))
                    .put("weight", "0.60").put("score", "0.60").put("deviation", "");
        }
        try (XSSFWorkbook workbook = Workbooks.open(Workbooks.xlsx(Fixtures.HEADER, List.of(form)))) {
            Sheet sheet = workbook.getSheetAt(1);
            List<String> merged = sheet.getMergedRegions().stream().map(CellRangeAddress::formatAsString).toList();
            assertThat(merged).contains("A13:A162", "B13:B152", "B153:B162", "A163:E163");
            decimal(sheet, 161, 6, "0.60");
            assertThat(text(sheet, 161, 2)).isEqualTo("指标 149");
            for (int r = 12; r < 162; r++) {
                for (int c = 0; c < 8; c++) {
                    assertThat(cell(sheet, r, c).getCellStyle().getBorderLeft()).isEqualTo(BorderStyle.THIN);
                    assertThat(cell(sheet, r, c).getCellStyle().getBorderBottom()).isEqualTo(BorderStyle.THIN);
                }
            }
        }
    }

    @Test
    void formulaLookingTextsAreStringCellsAndNoCellIsAFormula() throws Exception {
        ObjectNode form = (ObjectNode) Fixtures.liveSeedForms().get(1).deepCopy();
        form.put("name", "+1+1");
        form.put("implementingUnit", "@SUM(A1:A9)");
        ObjectNode indicator = (ObjectNode) form.get("indicators").get(0);
        indicator.put("deviation", "=HYPERLINK(\"http://x\",\"y\")");
        indicator.put("target", "-2+3");
        indicator.put("actual", "\t=1+1");
        try (XSSFWorkbook workbook = Workbooks.open(Workbooks.xlsx(Fixtures.HEADER, List.of(form)))) {
            Sheet sheet = workbook.getSheetAt(1);
            assertThat(text(sheet, 12, 7)).isEqualTo("=HYPERLINK(\"http://x\",\"y\")");
            assertThat(text(sheet, 12, 3)).isEqualTo("-2+3");
            assertThat(text(sheet, 12, 4)).isEqualTo("\t=1+1");
            assertThat(text(sheet, 2, 1)).isEqualTo("+1+1");
            assertThat(text(sheet, 3, 5)).isEqualTo("@SUM(A1:A9)");
            assertThat(text(workbook.getSheetAt(0), 10, 1)).isEqualTo("+1+1");
            int cells = 0;
            for (Sheet each : workbook) {
                for (Row row : each) {
                    for (Cell cell : row) {
                        assertThat(cell.getCellType()).as("%s %s", each.getSheetName(), cell.getAddress())
                                .isNotEqualTo(CellType.FORMULA);
                        cells++;
                    }
                }
            }
            assertThat(cells).isGreaterThan(100);
        }
    }

    @Test
    void sheetNamesAreSafeUniqueAndAtMost31Characters() throws Exception {
        List<JsonNode> forms = new ArrayList<>();
        String[] ids = {"2023/A:B*C?[x]\\y", "2023-" + "X".repeat(40), "2023-" + "X".repeat(40), "history",
                "汇总", "'quoted'", "2023-dup", "2023-DUP", null, null};
        List<JsonNode> seeds = Fixtures.liveSeedForms();
        for (int i = 0; i < ids.length; i++) {
            ObjectNode form = (ObjectNode) seeds.get(i % seeds.size()).deepCopy();
            if (ids[i] == null) {
                form.remove("projectId");
            } else {
                form.put("projectId", ids[i]);
            }
            forms.add(form);
        }
        try (XSSFWorkbook workbook = Workbooks.open(Workbooks.xlsx(Fixtures.HEADER, forms))) {
            List<String> names = new ArrayList<>();
            workbook.forEach(sheet -> names.add(sheet.getSheetName()));
            assertThat(names).containsExactly("汇总", "2023_A_B_C__x__y", "2023-" + "X".repeat(26),
                    "2023-" + "X".repeat(24) + "~2", "history~2", "汇总~2", "quoted", "2023-dup", "2023-DUP~2",
                    "2023-科普场馆运行保障经费", "2023-能源保障");
            Set<String> folded = new HashSet<>();
            for (String name : names) {
                assertThat(name.length()).isLessThanOrEqualTo(31);
                assertThat(name).doesNotContainAnyWhitespaces().doesNotContain("[", "]", ":", "*", "?", "/", "\\");
                assertThat(folded.add(name.toUpperCase(Locale.ROOT))).as(name).isTrue();
            }
            // the summary names each form's sheet
            assertThat(text(workbook.getSheetAt(0), 10, 13)).isEqualTo("2023_A_B_C__x__y");
            assertThat(text(workbook.getSheetAt(0), 18, 0)).isNull();
        }
    }

    @Test
    void aFormWithMissingFieldsNullsAndPrintedTextsIsWrittenAsFarAsItGoes() throws Exception {
        ObjectNode empty = Fixtures.JSON.createObjectNode();
        ObjectNode nulls = (ObjectNode) Fixtures.JSON.readTree("""
                {"name":null,"year":null,"department":null,"funds":{"total":null,"weight":null},
                 "goal":null,"indicators":[{"level1":null,"weight":"abc","score":null}],"flags":null,"total":"—"}""");
        List<JsonNode> forms = new ArrayList<>(List.of(empty, nulls));
        for (String published : io.jixiao.seed.Seed.PUBLISHED) {
            for (JsonNode form : Fixtures.JSON.readTree(io.jixiao.seed.Seed.published(published)).get("projects")) {
                forms.add(form);
            }
        }
        try (XSSFWorkbook workbook = Workbooks.open(Workbooks.xlsx(Fixtures.HEADER, forms))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(1 + forms.size());
            Sheet first = workbook.getSheetAt(1);
            assertThat(first.getSheetName()).isEqualTo("表1");
            assertThat(text(first, 2, 1)).isNull();
            assertThat(text(first, 1, 0)).isEqualTo("（ 年度）");
            Sheet second = workbook.getSheetAt(2);
            assertThat(text(second, 12, 5)).isEqualTo("abc");
            assertThat(text(second, 13, 6)).isEqualTo("—");
            // a published figure that is not a plain decimal stays the text it was printed as
            Sheet putuo = workbook.getSheetAt(3);
            assertThat(text(putuo, 4, 0)).isEqualTo("项目资金\n（元）");
            assertThat(text(putuo, 5, 4)).isEqualTo("215,457.6");
            assertThat(text(putuo, 5, 6)).isEqualTo("86.19%");
        }
    }

    @Test
    void progressIsToldAfterEveryForm() throws Exception {
        List<String> told = new ArrayList<>();
        XlsxExport.write(Fixtures.HEADER, Fixtures.liveSeedForms(), new ByteArrayOutputStream(),
                (done, total) -> told.add(done + "/" + total));
        assertThat(told).containsExactly("1/7", "2/7", "3/7", "4/7", "5/7", "6/7", "7/7");
        told.clear();
        XlsxExport.write(Fixtures.HEADER, Fixtures.generated(3), new ByteArrayOutputStream(),
                (done, total) -> told.add(done + "/" + total));
        assertThat(told).containsExactly("1/-1", "2/-1", "3/-1");
    }

    @Test
    void theDocumentIsDatedWhenTheSnapshotWasTakenAndItsZipEntriesCarryOneFixedTime() throws Exception {
        byte[] bytes = Workbooks.xlsx(Fixtures.HEADER, Fixtures.liveSeedForms());
        try (XSSFWorkbook workbook = Workbooks.open(bytes)) {
            var core = workbook.getProperties().getCoreProperties();
            assertThat(core.getCreator()).isEqualTo("jixiao");
            assertThat(core.getLastModifiedByUser()).isEqualTo("jixiao");
            assertThat(core.getCreated().toInstant()).isEqualTo(Fixtures.HEADER.takenAt().toInstant());
            assertThat(core.getModified().toInstant()).isEqualTo(Fixtures.HEADER.takenAt().toInstant());
            assertThat(core.getIdentifier()).isEqualTo("snap-2023-Q4-01");
        }
        List<String> entries = new ArrayList<>();
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes)).get()) {
            zip.getEntries().asIterator().forEachRemaining(entry -> entries.add(entry.getName()));
        }
        for (String entry : entries) {
            // the DOS date and time of 1980-01-01 00:00:02 in the local and the central header, and no extra field
            // (an extended timestamp would be a moment, converted in the default time zone): neither the clock nor
            // the time zone is in the bytes
            int local = header(bytes, entry, LOCAL_HEADER, 26, 30);
            int central = header(bytes, entry, CENTRAL_HEADER, 28, 46);
            assertThat(int32(bytes, local + 10) & 0xffffffffL).as(entry).isEqualTo(FIXED_DOS_TIME);
            assertThat(int32(bytes, central + 12) & 0xffffffffL).as(entry).isEqualTo(FIXED_DOS_TIME);
            assertThat(int16(bytes, local + 28)).as(entry + " extra field").isZero();
            assertThat(int16(bytes, central + 30)).as(entry + " extra field").isZero();
        }
        assertThat(WorkbookPackage.ENTRY_TIME).hasToString("1980-01-01T00:00:02");
        assertThat(entries).contains("[Content_Types].xml", "docProps/core.xml", "xl/workbook.xml",
                "xl/worksheets/sheet1.xml", "xl/worksheets/sheet8.xml");
        assertThat(Reproducibility.isSourceDateEpoch()).as("POI's JVM-wide switch is left alone").isFalse();
    }

    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int CENTRAL_HEADER = 0x02014b50;

    /** DOS date 1980-01-01 (year 0, month 1, day 1) in the high half, time 00:00:02 (in 2-second units) in the low. */
    private static final long FIXED_DOS_TIME = (1L << 21 | 1L << 16) | 1L;

    /** Where the entry's local or central header starts. */
    private static int header(byte[] zip, String name, int signature, int nameLengthAt, int nameAt) {
        byte[] wanted = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i + nameAt + wanted.length <= zip.length; i++) {
            if (int32(zip, i) == signature) {
                int nameLength = int16(zip, i + nameLengthAt);
                if (nameLength == wanted.length
                        && java.util.Arrays.equals(zip, i + nameAt, i + nameAt + nameLength, wanted, 0, nameLength)) {
                    return i;
                }
            }
        }
        throw new AssertionError("no header for " + name);
    }

    private static int int16(byte[] bytes, int at) {
        return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8;
    }

    private static int int32(byte[] bytes, int at) {
        return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16 | (bytes[at + 3] & 0xff) << 24;
    }

    private static int gradeRow(Sheet sheet) {
        for (Row row : sheet) {
            Cell first = row.getCell(0);
            if (first != null && first.getCellType() == CellType.STRING && first.getStringCellValue().equals("评分等级")) {
                return row.getRowNum();
            }
        }
        throw new AssertionError("no 评分等级 row on " + sheet.getSheetName());
    }

    private static void amount(Sheet sheet, int row, int column, String expected) {
        figure(sheet, row, column, expected, AMOUNT, String.format(Locale.ROOT, "%,.2f", new BigDecimal(expected)));
    }

    private static void decimal(Sheet sheet, int row, int column, String expected) {
        figure(sheet, row, column, expected, DECIMAL, String.format(Locale.ROOT, "%.2f", new BigDecimal(expected)));
    }

    private static String s(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
