package io.jixiao.exports;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class YitihuaExportTest {

    private static final List<String> COLUMNS = List.of("记录类型", "快照编号", "项目编码", "年度", "项目名称", "主管部门",
            "实施单位", "序号", "总分", "评分等级", "评分规则", "状态", "截至日期", "数据截至记录时间", "资金来源", "年初批复数",
            "年度调整金额", "变动后预算数", "全年执行数", "资金执行率", "资金执行得分", "预期目标", "实际完成情况", "指标编码",
            "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "计算得分", "自评得分", "复核得分",
            "偏差原因分析及改进措施", "标记", "季度", "快照时间", "SM3摘要");

    private static final String[][] FUND_SOURCES = {{"total", "年度资金总额"}, {"currentYearAppropriation", "当年财政拨款"},
            {"priorYearCarryover", "上年结转资金"}, {"otherFunds", "其他资金"}};

    @Test
    void theCsvParsedBackHoldsExactlyTheRowsOfTheForms() throws Exception {
        List<JsonNode> forms = Fixtures.liveSeedForms();
        ((ObjectNode) forms.get(1).get("indicators").get(1)).putArray("flags").add("MISSING_EXPLANATION").add("BAND_VIOLATION");
        ((ObjectNode) forms.get(1).get("indicators").get(1)).put("computedScore", "75.00").put("selfAssessedScore", "70.00")
                .put("indicatorId", "i2");
        byte[] csv = csv(forms);
        Files.write(Fixtures.samples().resolve("forms-2023.csv"), csv);

        List<Map<String, String>> expected = new ArrayList<>();
        expected.add(row("快照", Map.of("主管部门", "全部", "截至日期", "2023-12-31", "数据截至记录时间", "2024-01-10T00:00:00+08:00",
                "季度", "2023-Q4", "快照时间", "2024-01-10T09:30:15+08:00", "SM3摘要", Fixtures.HEADER.digest())));
        for (JsonNode form : forms) {
            expected.addAll(expectedRows(form));
        }
        List<Map<String, String>> parsed = parse(csv);
        assertThat(parsed).hasSize(1 + 7 * 6 + 32);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(parsed.get(i)).as("record %d", i + 1).containsExactlyEntriesOf(expected.get(i));
        }
        assertThat(parsed).hasSameSizeAs(expected);
        Map<String, String> flagged = parsed.get(1 + 9 + 7);
        assertThat(flagged.get("三级指标")).isEqualTo("合格率");
        assertThat(flagged.get("标记")).isEqualTo("MISSING_EXPLANATION|BAND_VIOLATION");
        assertThat(flagged.get("计算得分")).isEqualTo("75.00");
    }

    @Test
    void theCsvIsUtf8WithAByteOrderMarkCrlfLineEndsAndRfc4180Quoting() throws Exception {
        byte[] csv = csv(Fixtures.liveSeedForms());
        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
        assertThat(text).startsWith(String.join(",", COLUMNS) + "\r\n").endsWith("\r\n");
        // the only bare line feeds are those inside the first form's goal texts, which are quoted
        String goal = Fixtures.liveSeedForms().get(0).get("goal").get("expected").stringValue();
        long feedsInGoals = 2 * goal.chars().filter(c -> c == '\n').count();
        assertThat(text.replace("\r\n", "").chars().filter(c -> c == '\n').count()).isEqualTo(feedsInGoals);
        assertThat(text).contains(",\"" + goal + "\",");
        assertThat(text.replace("\r\n", "")).doesNotContain("\r");
    }

    @Test
    void textsThatCouldRunAsFormulasAreInertAndFiguresArePlainDecimals() throws Exception {
        ObjectNode form = (ObjectNode) Fixtures.liveSeedForms().get(1).deepCopy();
        form.put("name", "+1+1");
        form.put("department", "@SUM(A1)");
        form.put("implementingUnit", "\t\u4e0a\u6d77");
        ObjectNode indicator = (ObjectNode) form.get("indicators").get(0);
        indicator.put("deviation", "=HYPERLINK(\"http://x\",\"y\")");
        indicator.put("target", "-2+3");
        indicator.put("actual", "\r=1");
        indicator.put("level3", "\n=1");
        ObjectNode total = (ObjectNode) form.get("funds").get("total");
        total.put("initial", "7665.92");   // cut by 100.00 to 7565.92
        total.put("executed", "3.22953E+3");  // an exponent: written as 3229.53
        total.put("rate", "42.68%");       // not a plain decimal: a text
        Map<String, String> evaluation = null;
        Map<String, String> funds = null;
        Map<String, String> first = null;
        for (Map<String, String> row : parse(csv(List.of(form)))) {
            switch (row.get("记录类型") + row.get("序号")) {
                case "评价" -> evaluation = row;
                case "资金1" -> funds = row;
                case "指标1" -> first = row;
                default -> { }
            }
        }
        assertThat(evaluation.get("项目名称")).isEqualTo("'+1+1");
        assertThat(evaluation.get("主管部门")).isEqualTo("'@SUM(A1)");
        assertThat(evaluation.get("实施单位")).isEqualTo("'\t上海");
        assertThat(first.get("偏差原因分析及改进措施")).isEqualTo("'=HYPERLINK(\"http://x\",\"y\")");
        assertThat(first.get("年度指标值")).isEqualTo("'-2+3");
        assertThat(first.get("实际完成值")).isEqualTo("'\r=1");
        assertThat(first.get("三级指标")).isEqualTo("'\n=1");
        assertThat(funds.get("年初批复数")).isEqualTo("7665.92");
        assertThat(funds.get("年度调整金额")).isEqualTo("-100.00");
        assertThat(funds.get("全年执行数")).isEqualTo("3229.53");
        assertThat(funds.get("资金执行率")).isEqualTo("42.68%");

        JsonNode json = Fixtures.JSON.readTree(json(List.of(form)));
        JsonNode project = json.get("项目").get(0);
        assertThat(project.get("项目名称").stringValue()).isEqualTo("+1+1");
        assertThat(project.get("资金").get(0).get("年度调整金额").stringValue()).isEqualTo("-100.00");
        assertThat(project.get("资金").get(0).get("全年执行数").stringValue()).isEqualTo("3229.53");
        assertThat(project.get("指标").get(0).get("偏差原因分析及改进措施").stringValue()).isEqualTo("=HYPERLINK(\"http://x\",\"y\")");
    }

    @Test
    void theJsonHoldsTheSameRowsGroupedPerProjectYearInAFixedOrder() throws Exception {
        List<JsonNode> forms = Fixtures.liveSeedForms();
        byte[] bytes = json(forms);
        Files.write(Fixtures.samples().resolve("forms-2023.json"), bytes);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\r").doesNotContain("\\u").startsWith("{\n  \"格式\"");

        JsonNode json = Fixtures.JSON.readTree(bytes);
        assertThat(json.propertyNames()).containsExactly("格式", "快照", "项目", "项目数");
        assertThat(json.get("格式").stringValue()).isEqualTo(YitihuaExport.JSON_FORMAT);
        assertThat(json.get("快照").propertyNames()).containsExactly("快照编号", "季度", "主管部门", "截至日期",
                "数据截至记录时间", "快照时间", "SM3摘要");
        assertThat(json.get("快照").get("主管部门").stringValue()).isEqualTo("全部");
        assertThat(json.get("项目数").intValue()).isEqualTo(7);
        assertThat(json.get("项目")).hasSize(7);

        List<Map<String, String>> csv = parse(csv(forms));
        int at = 1;
        for (JsonNode project : json.get("项目")) {
            assertThat(project.propertyNames()).containsExactly("项目编码", "年度", "项目名称", "主管部门", "实施单位", "评价",
                    "资金", "目标", "指标");
            assertThat(project.get("评价").propertyNames()).containsExactly("总分", "评分等级", "评分规则", "状态",
                    "截至日期", "数据截至记录时间", "标记");
            assertThat(project.get("资金")).hasSize(4);
            for (JsonNode fund : project.get("资金")) {
                assertThat(fund.propertyNames()).containsExactly("序号", "资金来源", "年初批复数", "年度调整金额",
                        "变动后预算数", "全年执行数", "资金执行率", "分值", "资金执行得分");
            }
            assertThat(project.get("目标").propertyNames()).containsExactly("预期目标", "实际完成情况");
            for (JsonNode indicator : project.get("指标")) {
                assertThat(indicator.propertyNames()).containsExactly("序号", "指标编码", "一级指标", "二级指标", "三级指标",
                        "年度指标值", "实际完成值", "分值", "得分", "计算得分", "自评得分", "复核得分", "偏差原因分析及改进措施", "标记");
            }
            // the same rows as the CSV's, value for value (the CSV's blank is the JSON's null or empty array)
            List<JsonNode> rows = new ArrayList<>();
            rows.add(project.get("评价"));
            project.get("资金").forEach(rows::add);
            rows.add(project.get("目标"));
            project.get("指标").forEach(rows::add);
            for (JsonNode row : rows) {
                Map<String, String> record = csv.get(at++);
                for (String identity : List.of("项目编码", "年度", "项目名称", "主管部门", "实施单位")) {
                    assertThat(blankIfNull(project.get(identity))).isEqualTo(record.get(identity));
                }
                for (String name : row.propertyNames()) {
                    JsonNode value = row.get(name);
                    String asCsv = value.isArray() ? String.join("|", value.valueStream().map(JsonNode::stringValue).toList())
                            : blankIfNull(value);
                    assertThat(asCsv).as("%s %s", record.get("记录类型"), name).isEqualTo(record.get(name));
                    assertThat(value.isNull() || value.isString() || value.isArray()).as(name).isTrue();
                }
            }
        }
        assertThat(at).isEqualTo(csv.size());
    }

    @Test
    void aFormWithMissingFieldsGivesRowsWithBlanks() throws Exception {
        List<Map<String, String>> rows = parse(csv(List.of(Fixtures.JSON.createObjectNode())));
        assertThat(rows).extracting(row -> row.get("记录类型")).containsExactly("快照", "评价", "资金", "资金", "资金", "资金", "目标");
        assertThat(rows.get(2)).containsEntry("资金来源", "年度资金总额").containsEntry("年初批复数", "").containsEntry("年度调整金额", "");
        JsonNode json = Fixtures.JSON.readTree(json(List.of(Fixtures.JSON.createObjectNode())));
        assertThat(json.get("项目").get(0).get("项目编码").isNull()).isTrue();
        assertThat(json.get("项目").get(0).get("指标")).isEmpty();
    }

    @Test
    void progressIsToldAfterEveryForm() throws Exception {
        List<String> told = new ArrayList<>();
        YitihuaExport.writeCsv(Fixtures.HEADER, Fixtures.liveSeedForms(), new ByteArrayOutputStream(),
                (done, total) -> told.add("csv " + done + "/" + total));
        YitihuaExport.writeJson(Fixtures.HEADER, Fixtures.generated(2), new ByteArrayOutputStream(),
                (done, total) -> told.add("json " + done + "/" + total));
        assertThat(told).containsExactly("csv 1/7", "csv 2/7", "csv 3/7", "csv 4/7", "csv 5/7", "csv 6/7", "csv 7/7",
                "json 1/-1", "json 2/-1");
    }

    /** The rows a form should give, made straight from its JSON, in the order of README's table. */
    private static List<Map<String, String>> expectedRows(JsonNode form) {
        List<Map<String, String>> rows = new ArrayList<>();
        Map<String, String> identity = new LinkedHashMap<>();
        identity.put("项目编码", s(form, "projectId"));
        identity.put("年度", s(form, "year"));
        identity.put("项目名称", s(form, "name"));
        identity.put("主管部门", s(form, "department"));
        identity.put("实施单位", s(form, "implementingUnit"));

        Map<String, String> evaluation = new LinkedHashMap<>(identity);
        evaluation.put("总分", s(form, "total"));
        evaluation.put("评分等级", s(form, "grade"));
        evaluation.put("评分规则", s(form, "ruleSet"));
        evaluation.put("状态", s(form, "status"));
        evaluation.put("截至日期", s(form, "asOf"));
        evaluation.put("数据截至记录时间", s(form, "knownAt"));
        rows.add(row("评价", evaluation));

        JsonNode funds = form.get("funds");
        for (int i = 0; i < FUND_SOURCES.length; i++) {
            JsonNode fund = funds.get(FUND_SOURCES[i][0]);
            Map<String, String> values = new LinkedHashMap<>(identity);
            values.put("序号", Integer.toString(i + 1));
            values.put("资金来源", FUND_SOURCES[i][1]);
            values.put("年初批复数", s(fund, "initial"));
            values.put("年度调整金额", new BigDecimal(s(fund, "fullYear")).subtract(new BigDecimal(s(fund, "initial"))).toPlainString());
            values.put("变动后预算数", s(fund, "fullYear"));
            values.put("全年执行数", s(fund, "executed"));
            values.put("资金执行率", s(fund, "rate"));
            if (i == 0) {
                values.put("分值", s(funds, "weight"));
                values.put("资金执行得分", s(funds, "score"));
            }
            rows.add(row("资金", values));
        }

        Map<String, String> goal = new LinkedHashMap<>(identity);
        goal.put("预期目标", s(form.get("goal"), "expected"));
        goal.put("实际完成情况", s(form.get("goal"), "actual"));
        rows.add(row("目标", goal));

        int n = 1;
        for (JsonNode indicator : form.get("indicators")) {
            Map<String, String> values = new LinkedHashMap<>(identity);
            values.put("序号", Integer.toString(n++));
            values.put("指标编码", s(indicator, "indicatorId"));
            values.put("一级指标", s(indicator, "level1"));
            values.put("二级指标", s(indicator, "level2"));
            values.put("三级指标", s(indicator, "level3"));
            values.put("年度指标值", s(indicator, "target"));
            values.put("实际完成值", s(indicator, "actual"));
            values.put("分值", s(indicator, "weight"));
            values.put("得分", s(indicator, "score"));
            values.put("计算得分", s(indicator, "computedScore"));
            values.put("自评得分", s(indicator, "selfAssessedScore"));
            values.put("偏差原因分析及改进措施", s(indicator, "deviation"));
            List<String> flags = new ArrayList<>();
            if (indicator.has("flags")) {
                indicator.get("flags").forEach(flag -> flags.add(flag.stringValue()));
            }
            values.put("标记", String.join("|", flags));
            rows.add(row("指标", values));
        }
        return rows;
    }

    /** A full record: every column, blank unless given. */
    private static Map<String, String> row(String type, Map<String, String> values) {
        Map<String, String> row = new LinkedHashMap<>();
        for (String column : COLUMNS) {
            row.put(column, "");
        }
        row.put("记录类型", type);
        row.put("快照编号", Fixtures.HEADER.id());
        values.forEach((column, value) -> {
            assertThat(COLUMNS).contains(column);
            row.put(column, value == null ? "" : value);
        });
        return row;
    }

    static List<Map<String, String>> parse(byte[] csv) throws IOException {
        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        List<Map<String, String>> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
            assertThat(parser.getHeaderNames()).containsExactlyElementsOf(COLUMNS);
            for (CSVRecord record : parser) {
                assertThat(record.size()).isEqualTo(COLUMNS.size());
                Map<String, String> row = new LinkedHashMap<>();
                for (String column : COLUMNS) {
                    row.put(column, record.get(column));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    static byte[] csv(List<JsonNode> forms) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        YitihuaExport.writeCsv(Fixtures.HEADER, forms, out, Progress.NONE);
        return out.toByteArray();
    }

    static byte[] json(List<JsonNode> forms) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        YitihuaExport.writeJson(Fixtures.HEADER, forms, out, Progress.NONE);
        return out.toByteArray();
    }

    private static String blankIfNull(JsonNode value) {
        return value == null || value.isNull() ? "" : value.stringValue();
    }

    private static String s(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
