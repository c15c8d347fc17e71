package io.jixiao.importer;

import io.jixiao.exports.Progress;
import io.jixiao.exports.SnapshotHeader;
import io.jixiao.exports.XlsxExport;
import io.jixiao.importer.ImportPlanner.ImportFileException;
import io.jixiao.seed.Seed;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The official XLSX layout read back: the seven seed forms, exported by the snapshot export ({@link XlsxExport}) and
 * read by {@link OfficialWorkbook}, are the seed file's forms figure for figure and plan the very same calls; a
 * hand-made sheet (rows moved, no merged regions, a formula) reads the same way; what is not a form is refused.
 */
class OfficialWorkbookTest {

    private static final SnapshotHeader HEADER = new SnapshotHeader("snap-2023-Q4-01", "2023-Q4", null,
            LocalDate.of(2023, 12, 31), OffsetDateTime.parse("2024-01-10T00:00:00+08:00"),
            OffsetDateTime.parse("2024-01-10T09:30:15+08:00"), "00".repeat(32));

    @TempDir
    Path dir;

    /** The seed file's projects, with the project-year ids the planner gives them. */
    private static List<ObjectNode> seedProjects() {
        List<ObjectNode> projects = new ArrayList<>();
        for (JsonNode project : Json.read(Seed.forms2023()).get("projects")) {
            projects.add((ObjectNode) project);
        }
        return projects;
    }

    /** The seed forms as scoring-service serves a live form: the seed's figures plus id, rule set and status. */
    private static List<JsonNode> liveForms() {
        List<ProjectPlan> plans = ImportPlanner.plan(Seed.forms2023());
        List<JsonNode> forms = new ArrayList<>();
        List<ObjectNode> seeds = seedProjects();
        for (int i = 0; i < seeds.size(); i++) {
            ObjectNode form = seeds.get(i).deepCopy();
            form.put("projectId", plans.get(i).projectId());
            form.put("ruleSet", "shanghai-2023");
            form.put("status", "OPEN");
            form.putArray("flags");
            forms.add(form);
        }
        return forms;
    }

    private Path exported(List<JsonNode> forms) throws IOException {
        Path file = dir.resolve("snapshot.xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            XlsxExport.write(HEADER, forms, out, Progress.NONE);
        }
        return file;
    }

    @Test
    void theSevenSeedFormsExportedAndReadBackAreTheSeedFormsFigureForFigure() throws Exception {
        Path file = exported(liveForms());
        JsonNode read = Json.read(OfficialWorkbook.read(file, "snapshot.xlsx"));

        assertThat(read.get("source").asString()).isEqualTo("snapshot.xlsx");
        List<ObjectNode> seeds = seedProjects();
        assertThat(read.get("projects")).hasSize(seeds.size()); // 汇总 is not a form
        int compared = 0;
        for (int i = 0; i < seeds.size(); i++) {
            Map<String, String> expected = flatten(seeds.get(i));
            Map<String, String> actual = flatten(read.get("projects").get(i));
            actual.remove("code");
            actual.remove("ruleSet");
            assertThat(actual).as(seeds.get(i).get("name").asString()).isEqualTo(expected);
            compared += expected.size();
        }
        assertThat(compared).isGreaterThan(300);
        JsonNode first = read.get("projects").get(0);
        assertThat(first.get("code").asString()).isEqualTo(ImportPlanner.plan(Seed.forms2023()).get(0).projectId().substring(5));
        assertThat(first.get("ruleSet").asString()).isEqualTo("shanghai-2023");
        System.out.println("XLSX of the seven seed forms read back: " + compared + " fields compared");
    }

    @Test
    void theFormsReadBackPlanTheSameCallsAsTheSeedFile() throws Exception {
        Path file = exported(liveForms());
        List<ProjectPlan> fromSeed = ImportPlanner.plan(Seed.forms2023());
        List<ProjectPlan> fromWorkbook = ImportPlanner.plan(FormImport.read(file));
        assertThat(fromWorkbook).hasSize(fromSeed.size());
        for (int i = 0; i < fromSeed.size(); i++) {
            ProjectPlan seed = fromSeed.get(i);
            ProjectPlan workbook = fromWorkbook.get(i);
            assertThat(workbook.valid()).as(workbook.errors().toString()).isTrue();
            assertThat(workbook.projectId()).isEqualTo(seed.projectId());
            assertThat(workbook.warnings()).isEqualTo(seed.warnings());
            assertThat(withoutSource(workbook.calls())).as(seed.name()).isEqualTo(withoutSource(seed.calls()));
        }
    }

    @Test
    void publishedFiguresTheLiveFormDidNotReproduceComeBackAsPublished() throws Exception {
        List<JsonNode> forms = liveForms();
        ObjectNode form = (ObjectNode) forms.get(5); // 展示运行: published 81.88
        ((ObjectNode) form.get("funds").get("total")).put("rate", "81.87");
        form.put("total", "90.00");
        ObjectNode difference = form.putArray("publishedDifferences").addObject();
        difference.put("field", "funds.total.rate").put("published", "81.88").put("computed", "81.87");
        form.withArray("publishedDifferences").addObject().put("field", "total").put("published", "91.26").put("computed", "90.00");
        form.withArray("publishedDifferences").addObject().put("field", "indicators.i2.score").put("published", "4.00").put("computed", "3.50");

        JsonNode read = Json.read(OfficialWorkbook.read(exported(forms), "x.xlsx")).get("projects").get(5);
        assertThat(read.at("/funds/total/rate").asString()).isEqualTo("81.88");
        assertThat(read.get("total").asString()).isEqualTo("91.26");
        assertThat(read.at("/indicators/1/score").asString()).isEqualTo("4.00");
        assertThat(read.at("/indicators/0/score").asString()).isEqualTo(seedProjects().get(5).at("/indicators/0/score").asString());
    }

    @Test
    void aHandMadeSheetWithRowsMovedNoMergesAndAFormulaReadsTheSame() throws Exception {
        Path file = dir.resolve("hand-made.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("表一");
            row(sheet, 0, "财政项目支出绩效自评表");
            row(sheet, 1, "（2023年度）");
            row(sheet, 2, "说明：本表由单位手工填写"); // a row the export does not have
            row(sheet, 3, "项目名称", "社区图书馆运行");
            row(sheet, 4, "主管部门", "某区文化和旅游局", null, null, "实施单位", "某区图书馆");
            row(sheet, 5, "项目资金\n（万元）", null, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率（%）", "得分");
            Row total = row(sheet, 6, null, "年度资金总额", "100.00", "120.00", null, "10.00", "90.00", "9.00");
            total.createCell(4).setCellFormula("E8+E9+E10");
            row(sheet, 7, null, "其中：当年财政拨款", "100.00", "100.00", "90.00", "—", "90.00", "—");
            row(sheet, 8, null, "上年结转资金", "0.00", "20.00", "18.00", "—", "90.00", "—");
            row(sheet, 9, null, "其他资金", "0.00", "0.00", "0.00", "—", "0.00", "—");
            row(sheet, 10, "年度总体目标", "预期目标", null, null, "实际完成情况");
            row(sheet, 11, null, "全年开放", null, null, "已开放");
            row(sheet, 12, "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施");
            row(sheet, 13, "产出指标", "数量指标", "开放天数", "≥300天", "310天", "50.00", "50.00");
            row(sheet, 14, "效益指标", "社会效益指标", "读者满意度", "≥90%", "88%", "40.00", "36.00", "宣传不足");
            row(sheet, 15, "总分", null, null, null, null, "100.00", "95.00");
            row(sheet, 16, "评分等级", null, null, null, null, "优");
            workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
            workbook.write(out);
        }
        JsonNode project = Json.read(OfficialWorkbook.read(file, "hand-made.xlsx")).get("projects").get(0);
        assertThat(project.get("name").asString()).isEqualTo("社区图书馆运行");
        assertThat(project.get("year").asInt()).isEqualTo(2023);
        assertThat(project.get("department").asString()).isEqualTo("某区文化和旅游局");
        assertThat(project.get("implementingUnit").asString()).isEqualTo("某区图书馆");
        assertThat(project.get("amountUnit").asString()).isEqualTo("万元");
        assertThat(project.at("/funds/total/executed").asString()).as("a formula's cached result").isEqualTo("108");
        assertThat(project.at("/funds/priorYearCarryover/fullYear").asString()).isEqualTo("20.00");
        assertThat(project.at("/funds/weight").asString()).isEqualTo("10.00");
        assertThat(project.at("/funds/score").asString()).isEqualTo("9.00");
        assertThat(project.at("/goal/expected").asString()).isEqualTo("全年开放");
        assertThat(project.at("/goal/actual").asString()).isEqualTo("已开放");
        assertThat(project.get("indicators")).hasSize(2);
        assertThat(project.at("/indicators/1/level1").asString()).isEqualTo("效益指标");
        assertThat(project.at("/indicators/1/deviation").asString()).isEqualTo("宣传不足");
        assertThat(project.at("/indicators/0/deviation").asString()).isEmpty();
        assertThat(project.get("total").asString()).isEqualTo("95.00");
        assertThat(project.get("grade").asString()).isEqualTo("优");
        assertThat(project.has("code")).isFalse();
        assertThat(ImportPlanner.plan(FormImport.read(file)).get(0).valid()).isTrue();
    }

    @Test
    void aWorkbookWithoutAFormAndAFileThatIsNotAWorkbookAreRefused() throws Exception {
        Path empty = dir.resolve("other.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(empty)) {
            row(workbook.createSheet("清单"), 0, "项目", "金额");
            workbook.write(out);
        }
        assertThatThrownBy(() -> FormImport.read(empty)).isInstanceOf(ImportFileException.class)
                .hasMessageContaining("no sheet of other.xlsx is a form");
        Path broken = dir.resolve("broken.xlsx");
        Files.write(broken, new byte[]{'P', 'K', 3, 4, 1, 2, 3});
        assertThatThrownBy(() -> FormImport.read(broken)).isInstanceOf(ImportFileException.class);
        Path json = dir.resolve("forms.json");
        Files.writeString(json, Seed.forms2023(), StandardCharsets.UTF_8);
        assertThat(OfficialWorkbook.isWorkbook(json)).isFalse();
        assertThat(FormImport.read(json)).isEqualTo(Seed.forms2023());
    }

    @Test
    void mergedRegionsOfTheExportAreReadAsTheirFirstCell() throws Exception {
        Path file = exported(liveForms());
        try (XSSFWorkbook workbook = new XSSFWorkbook(file.toFile())) {
            Sheet sheet = workbook.getSheetAt(2); // 科普场馆运行保障经费: 产出指标 over several rows
            boolean mergedLevel1 = false;
            for (CellRangeAddress region : sheet.getMergedRegions()) {
                mergedLevel1 |= region.getFirstColumn() == 0 && region.getLastColumn() == 0 && region.getFirstRow() >= 12;
            }
            assertThat(mergedLevel1).as("the export merges a repeated 一级指标").isTrue();
        }
        JsonNode read = Json.read(OfficialWorkbook.read(file, "x")).get("projects").get(1);
        for (JsonNode indicator : read.get("indicators")) {
            assertThat(indicator.get("level1").asString()).isNotBlank();
            assertThat(indicator.get("level2").asString()).isNotBlank();
        }
    }

    private static Row row(Sheet sheet, int index, String... values) {
        Row row = sheet.createRow(index);
        for (int c = 0; c < values.length; c++) {
            if (values[c] != null) {
                row.createCell(c).setCellValue(values[c]);
            }
        }
        return row;
    }

    private static List<ApiCall> withoutSource(List<ApiCall> calls) {
        List<ApiCall> without = new ArrayList<>();
        for (ApiCall call : calls) {
            if (call.kind() == ApiCall.Kind.PUBLISHED_FIGURES) {
                Map<String, Object> body = new LinkedHashMap<>(call.body());
                body.remove("source");
                call = new ApiCall(call.kind(), call.method(), call.path(), body, call.label());
            }
            without.add(call);
        }
        return without;
    }

    /** Every leaf of a project as path → text, figures as they are written. */
    private static Map<String, String> flatten(JsonNode node) {
        Map<String, String> leaves = new LinkedHashMap<>();
        flatten("", node, leaves);
        return leaves;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> leaves) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), leaves);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), leaves);
            }
        } else {
            leaves.put(path, node.asString());
        }
    }
}
