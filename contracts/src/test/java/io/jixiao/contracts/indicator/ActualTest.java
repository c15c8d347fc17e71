package io.jixiao.contracts.indicator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActualTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            42.68(%)        | 42.68       | %
            0.00(人次/年)   | 0.00        | 人次/年
            95.00(%)        | 95.00       | %
            100             | 100         | null
            100.00（%）     | 100.00      | %
            81.88%          | 81.88       | %
            4.58 (%)        | 4.58        | %
            -3.5(%)         | -3.5        | %
            15600000.00(人次/年) | 15600000.00 | 人次/年
            0.000001        | 0.000001    | null
            999999999999999.999999(元) | 999999999999999.999999 | 元
            """)
    void parsesNumbers(String text, String value, String unit) {
        Actual actual = Actual.parse(text);
        assertThat(actual.quantitative()).isTrue();
        assertThat(actual.value()).isEqualTo(new BigDecimal(value));
        assertThat(actual.unit()).isEqualTo(unit);
        assertThat(actual.achievement()).isNull();
        assertThat(actual.display()).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            达成指标     | ACHIEVED
            达成         | ACHIEVED
            部分达成指标 | PARTIALLY_ACHIEVED
            部分达成     | PARTIALLY_ACHIEVED
            未达成指标   | NOT_ACHIEVED
            未达成       | NOT_ACHIEVED
            """)
    void parsesAchievements(String text, Achievement achievement) {
        Actual actual = Actual.parse(text);
        assertThat(actual.quantitative()).isFalse();
        assertThat(actual.achievement()).isEqualTo(achievement);
        assertThat(actual.value()).isNull();
        assertThat(actual.unit()).isNull();
        assertThat(actual.original()).isEqualTo(text.strip());
        assertThat(actual.display()).isEqualTo(text.strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"  达成指标 ", "\t达成\n", "\u3000部分达成指标\u3000", " 未达成\r\n"})
    void acceptsAchievementsWithSurroundingWhitespace(String text) {
        Actual actual = Actual.parse(text);
        assertThat(actual.achievement()).isNotNull();
        assertThat(actual.original()).isEqualTo(text.strip());
    }

    @Test
    void keepsTheOriginalStrippedOfOuterWhitespaceOnly() {
        assertThat(Actual.parse("\n 42.68 (%)\t").original()).isEqualTo("42.68 (%)");
        assertThat(Actual.parse(" 达成 ").display()).isEqualTo("达成");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "  ", "≥90(%)", ">=90", "＞90", "=0", "≤5(天)", "<1", "全部", "达成了", "达成 指标",
            "达成指标。", "已达成", "基本达成", "未填报", "完成", "是", "1e5", "1,000", "１００", ".5", "5.", "+5", "90％",
            "90(%", "90()", "90(%)以上", "1.1234567", "1234567890123456", "<p>达成指标</p>", "达成\u0000指标",
            "NaN", "x\uD800"})
    void rejects(String text) {
        assertThatThrownBy(() -> Actual.parse(text))
                .isInstanceOf(IndicatorValueException.class)
                .hasMessageContaining("实际完成值")
                .extracting(e -> ((IndicatorValueException) e).field()).isEqualTo("actual");
    }

    @Test
    void rejectsNullAndOverLongTexts() {
        assertThatThrownBy(() -> Actual.parse(null)).isInstanceOf(IndicatorValueException.class)
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> Actual.parse("1".repeat(1001))).isInstanceOf(IndicatorValueException.class)
                .hasMessageContaining("longer than 1000");
    }

    @Test
    void theMessageListsTheAcceptedForms() {
        assertThatThrownBy(() -> Actual.parse("基本达成"))
                .hasMessageContaining("\"基本达成\"")
                .hasMessageContaining("42.68(%)").hasMessageContaining("0.00(人次/年)")
                .hasMessageContaining("达成指标").hasMessageContaining("部分达成指标").hasMessageContaining("未达成指标");
        assertThatThrownBy(() -> Actual.parse("≥90(%)")).hasMessageContaining("operator")
                .hasMessageContaining("达成指标");
        assertThatThrownBy(() -> Actual.parse("1.1234567(%)")).hasMessageContaining("7 decimals")
                .hasMessageContaining("达成指标");
    }

    @Test
    void theCanonicalConstructorKeepsExactlyOneShape() {
        assertThatThrownBy(() -> new Actual("x", null, null, null)).isInstanceOf(IndicatorValueException.class);
        assertThatThrownBy(() -> new Actual("x", BigDecimal.ONE, null, Achievement.ACHIEVED)).isInstanceOf(IndicatorValueException.class);
        assertThatThrownBy(() -> new Actual("x", null, "%", Achievement.ACHIEVED)).isInstanceOf(IndicatorValueException.class);
        assertThatThrownBy(() -> new Actual(null, BigDecimal.ONE, null, null)).isInstanceOf(IndicatorValueException.class);
    }
}
