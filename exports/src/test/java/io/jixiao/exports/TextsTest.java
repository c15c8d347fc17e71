package io.jixiao.exports;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextsTest {

    @Test
    void publishedParagraphMarkupBecomesLinesAndOtherAngleBracketsStay() {
        assertThat(Texts.plain("<p>1 个数字底座。</p> <p>2 个功能中心</p>")).isEqualTo("1 个数字底座。\n2 个功能中心");
        assertThat(Texts.plain("<P class=\"x\">a<br/>b<BR>c</P>")).isEqualTo("a\nb\nc");
        assertThat(Texts.plain("完成率<90% 且 a<b")).isEqualTo("完成率<90% 且 a<b");
        assertThat(Texts.plain("<script>x</script>")).isEqualTo("<script>x</script>");
        assertThat(Texts.plain(null)).isNull();
    }

    @Test
    void aTextThatCouldStartAFormulaGetsAQuoteAndNoOtherTextChanges() {
        for (String risky : new String[]{"=1+1", "+1+1", "-1", "@SUM(A1)", "\tx", "\rx", "\nx"}) {
            assertThat(Texts.inert(risky)).isEqualTo("'" + risky);
        }
        for (String safe : new String[]{"达成指标", "1+1", " =1", "'=1", "≥90(%)", ""}) {
            assertThat(Texts.inert(safe)).isEqualTo(safe);
        }
        assertThat(Texts.inert(null)).isNull();
    }

    @Test
    void aTextLongerThanACellHoldsIsCutWithAMark() {
        String text = "字".repeat(40_000);
        String cut = Texts.forCell(text);
        assertThat(cut).hasSize(Texts.XLSX_CELL_LIMIT).endsWith(Texts.CUT);
        assertThat(Texts.forCell("短")).isEqualTo("短");
    }

    @Test
    void figuresAreReadAsExactDecimalsOrNotAtAll() {
        assertThat(Decimals.plain("1404.67")).isEqualTo("1404.67");
        assertThat(Decimals.plain(" 1.5E+3 ")).isEqualTo("1500");
        assertThat(Decimals.plain("15600000.00")).isEqualTo("15600000.00");
        assertThat(Decimals.plain("215,457.6")).isNull();
        assertThat(Decimals.plain("86.19%")).isNull();
        assertThat(Decimals.plain("１２")).isNull();
        assertThat(Decimals.plain("1E+400000")).isNull();
        assertThat(Decimals.plain("—")).isNull();
        assertThat(Decimals.difference("19423.11", "15000.00")).isEqualTo("4423.11");
        assertThat(Decimals.difference("0.00", "100.00")).isEqualTo("-100.00");
        assertThat(Decimals.difference(null, "1")).isNull();
    }
}
