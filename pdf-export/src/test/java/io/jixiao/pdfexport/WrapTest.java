package io.jixiao.pdfexport;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WrapTest {

    private static final float SIZE = 9;

    @Test
    void chineseBreaksBetweenAnyCharactersWithinTheWidth() {
        String text = "按照正常业务需求支付了相应款项确保上海科技馆上海天文馆上海自然博物馆正常开放运行";
        List<String> lines = Wrap.lines(text, 90, SIZE);
        assertThat(lines).hasSizeGreaterThan(3);
        assertThat(String.join("", lines)).isEqualTo(text);
        assertThat(lines).allSatisfy(line -> assertThat(FormFont.width(line, SIZE)).isLessThanOrEqualTo(90));
    }

    @Test
    void aFigureStaysWholeWhenItFitsOnALine() {
        List<String> lines = Wrap.lines("预算执行率达到 15600000.00(人次/年)", 80, SIZE);
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("15600000.00"));
    }

    @Test
    void aWordWiderThanTheLineIsCut() {
        List<String> lines = Wrap.lines("x".repeat(200), 60, SIZE);
        assertThat(lines).hasSizeGreaterThan(5);
        assertThat(String.join("", lines)).isEqualTo("x".repeat(200));
    }

    @Test
    void closingPunctuationNeverStartsALine() {
        for (float width = 40; width < 120; width += 1) {
            List<String> lines = Wrap.lines("场馆运行、公众服务、精细管理。科普教育不断拓展新赛道，教育活动好戏连台；科创新品牌精彩亮相！", width, SIZE);
            assertThat(lines).as("width %s", width).noneSatisfy(line -> assertThat(line).matches("^[，。、；！].*"));
        }
    }

    @Test
    void lineBreaksInTheTextAreKept() {
        assertThat(Wrap.lines("第一段\n\n第二段\r\n第三段\r第四段", 200, SIZE)).containsExactly("第一段", "", "第二段", "第三段", "第四段");
        assertThat(Wrap.lines(null, 200, SIZE)).isEmpty();
        assertThat(Wrap.lines("  \n ", 200, SIZE)).isEmpty();
    }

    @Test
    void whatTheFontCannotPrintIsReplacedAndControlCharactersDropped() {
        assertThat(Wrap.printable("得分😀\u0007\u200b\tA")).isEqualTo("得分? A");
    }

    @Test
    void shortTextsWrapIntoEvenLines() {
        assertThat(Wrap.balanced("服务对象满意度指标", 54, SIZE)).containsExactly("服务对象满", "意度指标");
        assertThat(Wrap.balanced("社会效益指标", 54, SIZE)).containsExactly("社会效益指标");
    }
}
