package io.jixiao.pdfexport;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seven published 2023 forms exported, read back with PDFBox's text extraction: every figure of every form on the
 * form's own page(s). Writes {@code target/samples/forms-2023.pdf} and its first page as
 * {@code target/samples/forms-2023-page1.png} (100 dpi) for a person to look at.
 */
class SeedFormsPdfTest {

    static final Path SAMPLES = Path.of("target", "samples");

    static List<JsonNode> forms;
    static byte[] pdf;

    @BeforeAll
    static void export() throws IOException {
        forms = SeedForms.forms();
        pdf = SeedForms.export(SeedForms.HEADER, forms);
        Files.createDirectories(SAMPLES);
        Files.write(SAMPLES.resolve("forms-2023.pdf"), pdf);
    }

    @Test
    void eachFormStartsOnItsOwnPageAndContinuesOnlyWhenLong() throws IOException {
        int expected = 0;
        for (JsonNode form : forms) {
            expected += SeedForms.pages(SeedForms.HEADER, form);
        }
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(expected).isBetween(forms.size(), forms.size() * 2);
            List<String> pages = pageTexts(document);
            int page = 0;
            for (JsonNode form : forms) {
                int count = SeedForms.pages(SeedForms.HEADER, form);
                String name = form.get("name").stringValue();
                assertThat(squeeze(pages.get(page))).as("first page of %s", name)
                        .contains("财政项目支出绩效自评表", "（2023年度）", "项目名称" + name).doesNotContain("续表");
                for (int more = 1; more < count; more++) {
                    assertThat(squeeze(pages.get(page + more))).as("page %d of %s", more + 1, name)
                            .contains("财政项目支出绩效自评表", "（2023年度）续表", "项目名称" + name, "第" + (more + 1) + "/" + count + "页");
                }
                page += count;
            }
        }
    }

    @Test
    void everyFigureOfEveryFormIsOnItsPages() throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<String> pages = pageTexts(document);
            int page = 0;
            for (JsonNode form : forms) {
                int count = SeedForms.pages(SeedForms.HEADER, form);
                String text = squeeze(String.join("", pages.subList(page, page + count)));
                page += count;
                String name = form.get("name").stringValue();
                List<String> figures = new ArrayList<>(List.of(name, text(form, "department"), text(form, "implementingUnit"),
                        "总分100.00" + text(form, "total"), "评分等级" + text(form, "grade"),
                        squeeze(text(form.get("goal"), "expected")), squeeze(text(form.get("goal"), "actual"))));
                JsonNode funds = form.get("funds");
                figures.add(fundRow(funds, "年度资金总额", "total", text(funds, "weight"), text(funds, "score")));
                figures.add(fundRow(funds, "其中：当年财政拨款", "currentYearAppropriation", "—", "—"));
                figures.add(fundRow(funds, "上年结转资金", "priorYearCarryover", "—", "—"));
                figures.add(fundRow(funds, "其他资金", "otherFunds", "—", "—"));
                for (JsonNode indicator : form.get("indicators").values()) {
                    figures.add(squeeze(text(indicator, "level1")));
                    figures.add(squeeze(text(indicator, "level2")));
                    // one row, cell after cell: 三级指标, 年度指标值, 实际完成值, 分值, 得分, 偏差原因分析及改进措施
                    figures.add(squeeze(text(indicator, "level3") + text(indicator, "target") + text(indicator, "actual")
                            + text(indicator, "weight") + text(indicator, "score") + text(indicator, "deviation")));
                }
                assertThat(text).as(name).contains(figures);
            }
        }
    }

    @Test
    void amountsCarryThousandsSeparators() throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String all = squeeze(new PDFTextStripper().getText(document));
            assertThat(all).contains("20,126.6019,423.1115,903.6510.0081.888.18", "1,404.671,404.671,350.5210.0096.149.61",
                    "24.2424.2423.1310.0095.429.54");
        }
    }

    @Test
    void theFirstPageRendersForAPersonToLookAt() throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            BufferedImage image = new PDFRenderer(document).renderImageWithDPI(0, 100, ImageType.RGB);
            Path png = SAMPLES.resolve("forms-2023-page1.png");
            ImageIO.write(image, "png", png.toFile());
            assertThat(image.getWidth()).isEqualTo(826);
            assertThat(image.getHeight()).isEqualTo(1169);
            assertThat(darkPixels(image)).as("ink on the page").isGreaterThan(20_000);
            assertThat(Files.size(png)).isPositive();
        }
    }

    private static long darkPixels(BufferedImage image) {
        long dark = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff) < 3 * 128) {
                    dark++;
                }
            }
        }
        return dark;
    }

    private static String fundRow(JsonNode funds, String label, String row, String weight, String score) {
        JsonNode source = funds.get(row);
        return label + Figures.amount(text(source, "initial")) + Figures.amount(text(source, "fullYear"))
                + Figures.amount(text(source, "executed")) + weight + text(source, "rate") + score;
    }

    static List<String> pageTexts(PDDocument document) throws IOException {
        List<String> pages = new ArrayList<>();
        PDFTextStripper stripper = new PDFTextStripper();
        for (int page = 1; page <= document.getNumberOfPages(); page++) {
            stripper.setStartPage(page);
            stripper.setEndPage(page);
            pages.add(stripper.getText(document));
        }
        return pages;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asString();
    }

    /** Without any white space: the extracted text breaks lines where the cells wrap them. */
    static String squeeze(String text) {
        return text.replaceAll("\\s+", "");
    }
}
