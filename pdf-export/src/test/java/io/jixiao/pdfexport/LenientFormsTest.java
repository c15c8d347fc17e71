package io.jixiao.pdfexport;

import io.jixiao.exports.Progress;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static io.jixiao.pdfexport.SeedFormsPdfTest.pageTexts;
import static io.jixiao.pdfexport.SeedFormsPdfTest.squeeze;
import static org.assertj.core.api.Assertions.assertThat;

/** Forms with fields missing, null, of another type, or far longer than a page: each still prints, nothing is lost. */
class LenientFormsTest {

    @Test
    void aFormWithNothingInItPrintsTheEmptyLayout() throws IOException {
        List<JsonNode> forms = new ArrayList<>();
        forms.add(SeedForms.JSON.readTree("{}"));
        forms.add(SeedForms.JSON.readTree("null"));
        forms.add(SeedForms.JSON.readTree("\"not a form\""));
        forms.add(null);
        forms.add(SeedForms.JSON.readTree("""
                {"name": null, "year": null, "funds": {"total": null, "weight": 10}, "goal": {"expected": null},
                 "indicators": [null, {}, {"level1": null, "weight": 5}], "flags": null, "total": 7.5}"""));
        try (PDDocument document = Loader.loadPDF(SeedForms.export(SeedForms.HEADER, forms))) {
            assertThat(document.getNumberOfPages()).isEqualTo(5);
            List<String> pages = pageTexts(document);
            for (String page : pages) {
                assertThat(squeeze(page)).contains("财政项目支出绩效自评表", "（年度）", "项目名称", "年度资金总额", "其中：当年财政拨款",
                        "预期目标", "实际完成情况", "偏差原因分析及改进措施", "总分100.00", "评分等级");
            }
            assertThat(squeeze(pages.get(4))).contains("10", "5", "总分100.007.5");
        }
    }

    @Test
    void numbersWhereTextIsExpectedPrintAsTheirDigits() throws IOException {
        ObjectNode form = (ObjectNode) SeedForms.forms().get(0).deepCopy();
        ((ObjectNode) form.get("funds").get("total")).put("initial", new java.math.BigDecimal("1404.6"));
        form.put("total", 94.61);
        form.put("year", "2023");
        try (PDDocument document = Loader.loadPDF(SeedForms.export(SeedForms.HEADER, List.of(form)))) {
            String text = squeeze(new PDFTextStripper().getText(document));
            assertThat(text).contains("年度资金总额1,404.601,404.671,350.52", "总分100.0094.61", "（2023年度）");
        }
    }

    @Test
    void manyIndicatorsContinueOnFurtherPagesWithTheHeaderAndColumnHeadsRepeated() throws IOException {
        ObjectNode form = (ObjectNode) SeedForms.forms().get(3).deepCopy();
        ArrayNode indicators = form.putArray("indicators");
        for (int i = 1; i <= 80; i++) {
            ObjectNode indicator = indicators.addObject();
            indicator.put("level1", i <= 50 ? "产出指标" : "效益指标");
            indicator.put("level2", i <= 30 ? "数量指标" : i <= 50 ? "质量指标" : "社会效益指标");
            indicator.put("level3", "第" + i + "项指标");
            indicator.put("target", "≥" + i + "(%)");
            indicator.put("actual", "达成指标");
            indicator.put("weight", "1.00");
            indicator.put("score", String.format("%d.%02d", i / 100, i % 100));
            indicator.put("deviation", i % 7 == 0 ? "偏差说明第" + i + "条" : "");
        }
        int count = SeedForms.pages(SeedForms.HEADER, form);
        byte[] pdf = SeedForms.export(SeedForms.HEADER, List.of(form));
        Files.createDirectories(SeedFormsPdfTest.SAMPLES);
        Files.write(SeedFormsPdfTest.SAMPLES.resolve("many-indicators.pdf"), pdf);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(count).isGreaterThanOrEqualTo(3);
            List<String> pages = pageTexts(document).stream().map(SeedFormsPdfTest::squeeze).toList();
            String name = form.get("name").stringValue();
            for (int page = 1; page < count; page++) {
                assertThat(pages.get(page)).contains("（2023年度）续表", "项目名称" + name,
                        "一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施", "第" + (page + 1) + "/" + count + "页");
            }
            String all = String.join("", pages);
            for (JsonNode indicator : indicators) {
                String row = indicator.get("level3").stringValue() + indicator.get("target").stringValue() + "达成指标1.00"
                        + indicator.get("score").stringValue() + indicator.get("deviation").stringValue();
                assertThat(all).contains(row);
            }
            assertThat(pages.get(count - 1)).contains("总分100.00", "评分等级");
            // a merged 一级 / 二级 cell that runs over a page break is printed again on the next page
            assertThat(pages.subList(1, count)).allSatisfy(page -> assertThat(page).containsAnyOf("产出指标", "效益指标"));
        }
    }

    @Test
    void aCellTallerThanAPageIsCutBetweenLinesAndGoesOnOnTheNextPage() throws IOException {
        ObjectNode form = (ObjectNode) SeedForms.forms().get(1).deepCopy();
        String deviation = "工程施工难度大，前期工作复杂，影响了施工进度。".repeat(120);
        ((ObjectNode) form.get("indicators").get(0)).put("deviation", deviation);
        String goal = "预算按照计划逐步推进执行，科技馆顺利闭馆，升级改造扎实推进。".repeat(60);
        ((ObjectNode) form.get("goal")).put("actual", goal);
        int count = SeedForms.pages(SeedForms.HEADER, form);
        byte[] pdf = SeedForms.export(SeedForms.HEADER, List.of(form));
        Files.createDirectories(SeedFormsPdfTest.SAMPLES);
        Files.write(SeedFormsPdfTest.SAMPLES.resolve("continued-form.pdf"), pdf);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(count).isGreaterThanOrEqualTo(3);
            List<String> pages = pageTexts(document).stream().map(SeedFormsPdfTest::squeeze).toList();
            String all = String.join("", pages);
            // every line of both long texts is printed, page after page: 难 and 闭 occur nowhere else in the form
            // (a phrase may be cut by the page break, where the next page's header comes between its halves)
            assertThat(countOf(all, "难")).isEqualTo(120);
            assertThat(countOf(all, "闭")).isEqualTo(60);
            assertThat(countOf(all, "工程施工难度大")).isGreaterThanOrEqualTo(118);
            assertThat(pages.get(0)).contains("预期目标实际完成情况");
            assertThat(pages.get(1)).contains("预期目标实际完成情况");
            assertThat(all).contains("总分100.0088.26", "评分等级良");
        }
    }

    @Test
    void progressIsToldAfterEachFormWithTheTotalWhenKnown() throws IOException {
        List<JsonNode> forms = SeedForms.forms();
        List<String> told = new ArrayList<>();
        Progress progress = (done, total) -> told.add(done + "/" + total);
        PdfExport.write(SeedForms.HEADER, forms, new ByteArrayOutputStream(), progress);
        assertThat(told).containsExactly("1/7", "2/7", "3/7", "4/7", "5/7", "6/7", "7/7");
        told.clear();
        Iterable<JsonNode> unsized = forms::iterator;
        PdfExport.write(SeedForms.HEADER, unsized, new ByteArrayOutputStream(), progress);
        assertThat(told).hasSize(7).allSatisfy(each -> assertThat(each).endsWith("/-1"));
    }

    @Test
    void aSnapshotWithoutFormsIsOnePageSayingSo() throws IOException {
        try (PDDocument document = Loader.loadPDF(SeedForms.export(SeedForms.HEADER, List.of()))) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            assertThat(squeeze(new PDFTextStripper().getText(document))).contains("财政项目支出绩效自评表", "本快照没有自评表",
                    "2023-Q4", "截至2023-12-31", "SM366c7f0f462eeedd9");
        }
    }

    @Test
    void theSnapshotIsNamedOnEveryPage() throws IOException {
        try (PDDocument document = Loader.loadPDF(SeedForms.export(SeedForms.HEADER, SeedForms.forms()))) {
            assertThat(pageTexts(document)).allSatisfy(page -> assertThat(squeeze(page)).contains(
                    "快照7f3c2a10-5b8e-4d2f-9a61-0c4e8b7d1e22", "2023-Q4", "截至2023-12-31（业务日期）",
                    "已知截至2024-01-1012:00:00（北京时间）", "SM366c7f0f462eeedd9…"));
        }
    }

    @Test
    void theFooterNamesTheProjectRuleSetStatusAndFlags() throws IOException {
        ObjectNode form = (ObjectNode) SeedForms.forms().get(2).deepCopy();
        form.put("projectId", "P-2023-0042").put("ruleSet", "shanghai-2023").put("status", "yellow");
        form.putArray("flags").add("PUBLISHED_DIFFERS:total").add("MISSING_ACTUALS");
        ((ObjectNode) form.get("indicators").get(0)).putArray("flags").add("SELF_ASSESSED");
        try (PDDocument document = Loader.loadPDF(SeedForms.export(SeedForms.HEADER, List.of(form)))) {
            assertThat(squeeze(new PDFTextStripper().getText(document))).contains(
                    "P-2023-0042·评分规则shanghai-2023·状态yellow·标记PUBLISHED_DIFFERS:total,MISSING_ACTUALS", "[SELF_ASSESSED]");
        }
    }

    private static int countOf(String text, String part) {
        return (text.length() - text.replace(part, "").length()) / part.length();
    }
}
