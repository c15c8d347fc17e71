package io.jixiao.pdfexport;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class FiguresTest {

    @Test
    void amountsGetThousandsSeparatorsAndTwoDecimalsAsText() {
        assertThat(Figures.amount("20126.60")).isEqualTo("20,126.60");
        assertThat(Figures.amount("1404.67")).isEqualTo("1,404.67");
        assertThat(Figures.amount("24.24")).isEqualTo("24.24");
        assertThat(Figures.amount("0.00")).isEqualTo("0.00");
        assertThat(Figures.amount("999")).isEqualTo("999.00");
        assertThat(Figures.amount("1000")).isEqualTo("1,000.00");
        assertThat(Figures.amount("123456789012.5")).isEqualTo("123,456,789,012.50");
        assertThat(Figures.amount("-1234.5")).isEqualTo("-1,234.50");
        assertThat(Figures.amount("007565.92")).isEqualTo("7,565.92");
    }

    @Test
    void amountsAreNeverRounded() {
        // more decimals than the form prints is the scoring-service's business: shown as given
        assertThat(Figures.amount("0.125")).isEqualTo("0.125");
        assertThat(Figures.amount("99999999999999999.99")).isEqualTo("99,999,999,999,999,999.99");
    }

    @Test
    void whatIsNotAPlainDecimalIsPrintedAsGiven() {
        assertThat(Figures.amount(null)).isEmpty();
        assertThat(Figures.amount("")).isEmpty();
        assertThat(Figures.amount(" 1,404.67 ")).isEqualTo("1,404.67");
        assertThat(Figures.amount("—")).isEqualTo("—");
        assertThat(Figures.amount("1e3")).isEqualTo("1e3");
    }

    @Test
    void fieldsAreReadLeniently() {
        JsonNode form = SeedForms.JSON.readTree("""
                {"name": null, "year": 2023, "total": 88.5, "big": 1.0E7, "funds": {"total": {"initial": 1404.6}},
                 "goal": "not an object", "flags": ["A", null, 3, {"x": 1}], "list": [1]}""");
        assertThat(Figures.text(form, "name")).isNull();
        assertThat(Figures.text(form, "missing")).isNull();
        assertThat(Figures.text(form, "year")).isEqualTo("2023");
        assertThat(Figures.text(form, "total")).isEqualTo("88.5");
        assertThat(Figures.text(form, "big")).isEqualTo("10000000");
        assertThat(Figures.amount(Figures.text(form, "funds", "total", "initial"))).isEqualTo("1,404.60");
        assertThat(Figures.text(form, "goal", "expected")).isNull();
        assertThat(Figures.text(form, "list")).isNull();
        assertThat(Figures.texts(form, "flags")).containsExactly("A", "3");
        assertThat(Figures.array(form, "indicators")).isEmpty();
        assertThat(Figures.array(form, "name")).isEmpty();
    }
}
