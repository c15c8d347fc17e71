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
            735人次         | 735         | 人次
            98 %            | 98          | %
            100%            | 100         | %
            5\u3000天       | 5           | 天
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

    // ---- read against the target ----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} against {1}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            735       | ≧ 735 人次 | 735   | 人次 | UNIT_FROM_TARGET
            98        | ≥90(%)     | 98    | %    | UNIT_FROM_TARGET
            0.00      | ≥90 (人次/年) | 0.00 | 人次/年 | UNIT_FROM_TARGET
            12        | 20万元     | 12    | 万元 | UNIT_FROM_TARGET
            735人次   | ≧ 735 人次 | 735   | 人次 | UNIT_WITHOUT_PARENTHESES
            735(人次) | ≧ 735 人次 | 735   | 人次 | -
            98 %      | ≥90(%)     | 98    | %    | -
            98(天)    | ≥90(%)     | 98    | 天   | -
            100       | 100        | 100   | null | -
            100       | ≥90        | 100   | null | -
            100       | 全面保障   | 100   | null | -
            100       | null       | 100   | null | -
            """)
    void readsANumberAgainstItsTarget(String text, String target, String value, String unit, String read) {
        Actual actual = Actual.parse(text, target == null ? null : Target.parse(target));
        assertThat(actual.value()).isEqualTo(new BigDecimal(value));
        assertThat(actual.unit()).isEqualTo(unit);
        assertThat(actual.achievement()).isNull();
        assertThat(actual.interpretations()).containsExactlyElementsOf(TargetTest.interpretations(read));
        assertThat(actual.display()).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} against {1}")
    @CsvSource(delimiter = '|', textBlock = """
            及时     | 及时                    | ACHIEVED           | RESTATES_TARGET
            有效     | 有效保障                | ACHIEVED           | RESTATES_TARGET
            是       | 是否按时完成            | ACHIEVED           | RESTATES_TARGET
            完成     | 按计划推进              | ACHIEVED           | RESTATES_TARGET
            已完成   | 100                     | ACHIEVED           | RESTATES_TARGET
            达标     | 20万元                  | ACHIEVED           | RESTATES_TARGET
            全面保障 | 全面保障                | ACHIEVED           | RESTATES_TARGET
            全面保障 | <p>全面保障</p>         | ACHIEVED           | RESTATES_TARGET
            保障     | 全面保障                | ACHIEVED           | RESTATES_TARGET
            运行流畅 | 运行流畅                | ACHIEVED           | RESTATES_TARGET
            100%覆盖 | 100%覆盖                | ACHIEVED           | RESTATES_TARGET
            按时完成 | 是否按时完成            | ACHIEVED           | RESTATES_TARGET
            安全     | 未发生安全事故          | ACHIEVED           | RESTATES_TARGET
            达成指标 | 全部                    | ACHIEVED           | -
            部分达成 | 及时                    | PARTIALLY_ACHIEVED | -
            未达成   | 100                     | NOT_ACHIEVED       | -
            达成指标 | ≥90(%)                  | ACHIEVED           | -
            """)
    void readsAWordRestatingAQualitativeOrBareNumberTargetAsAchieved(String text, String target,
                                                                      Achievement achievement, String read) {
        Actual actual = Actual.parse(text, Target.parse(target));
        assertThat(actual.achievement()).isEqualTo(achievement);
        assertThat(actual.value()).isNull();
        assertThat(actual.unit()).isNull();
        assertThat(actual.interpretations()).containsExactlyElementsOf(TargetTest.interpretations(read));
        assertThat(actual.display()).isEqualTo(text);
    }

    @Test
    void everyRestatingWordIsReadAsAchievedAgainstAnyQualitativeTarget() {
        Target target = Target.parse("按计划推进");
        for (String word : Actual.RESTATING_WORDS) {
            assertThat(Actual.parse(word, target).achievement()).as(word).isEqualTo(Achievement.ACHIEVED);
            assertThatThrownBy(() -> Actual.parse(word)).as(word).isInstanceOf(IndicatorValueException.class);
        }
        String sentence = "按国产化、密评、等保三级要求进行系统建设；建设与原有系统相对独立的、满足云服务和微服务架构的软硬件环境";
        assertThat(Actual.parse(sentence, Target.parse(sentence)).interpretations())
                .containsExactly(Interpretation.RESTATES_TARGET);
    }

    @ParameterizedTest(name = "[{index}] {0} against {1}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            完成         | ≥90(%)
            是           | ≧ 735 人次
            及时         | ≤5天
            否           | 是否按时完成
            未完成       | 是否按时完成
            未发生       | 未发生安全事故
            不及时       | 及时
            很好         | 全面保障
            全面保障。   | 全面保障
            按国产化、密评、等保三级要求 | 按国产化、密评、等保三级要求进行系统建设
            abc          | 全面保障
            abc          | null
            1e5          | 全面保障
            1e5          | ≥90(%)
            ≥5           | 全面保障
            ≥5           | ≥5(天)
            ═5           | ≥5(天)
            ﹦5          | null
            5天内完成    | ≤5天
            735 人 次    | ≧ 735 人次
            98％         | ≥90(%)
            """)
    void rejectsAnythingElseAgainstItsTarget(String text, String target) {
        assertThatThrownBy(() -> Actual.parse(text, target == null ? null : Target.parse(target)))
                .isInstanceOf(IndicatorValueException.class)
                .hasMessageContaining("实际完成值")
                .extracting(e -> ((IndicatorValueException) e).field()).isEqualTo("actual");
    }

    @Test
    void withoutATargetParsingIsParsingAlone() {
        for (String text : new String[]{"42.68(%)", "735", "735人次", "98 %", "达成指标", "未达成"}) {
            assertThat(Actual.parse(text, null)).as(text).isEqualTo(Actual.parse(text));
        }
        assertThat(Actual.parse("735").interpretations()).isEmpty();
        assertThat(Actual.parse("735").unit()).isNull();
        assertThat(Actual.parse("735人次").interpretations()).containsExactly(Interpretation.UNIT_WITHOUT_PARENTHESES);
        assertThat(Actual.parse("100%").interpretations()).isEmpty();
        assertThat(Actual.parse("达成指标").interpretations()).isEmpty();
    }

    @Test
    void theMessageAgainstAQualitativeTargetMentionsRestatements() {
        assertThatThrownBy(() -> Actual.parse("很好", Target.parse("全面保障")))
                .hasMessageContaining("\"很好\"").hasMessageContaining("达成指标")
                .hasMessageContaining("against the target \"全面保障\"").hasMessageContaining("完成");
        assertThatThrownBy(() -> Actual.parse("完成", Target.parse("≥90(%)")))
                .hasMessageContaining("达成指标").message().doesNotContain("against the target");
    }

    @Test
    void interpretationsAreNeverNull() {
        Actual old = new Actual("100", new BigDecimal("100"), null, null);
        assertThat(old.interpretations()).isEmpty();
        assertThat(new Actual("100", new BigDecimal("100"), null, null, null)).isEqualTo(old);
        assertThatThrownBy(() -> Actual.parse("及时", Target.parse("及时")).interpretations().add("X"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theCanonicalConstructorKeepsExactlyOneShape() {
        assertThatThrownBy(() -> new Actual("x", null, null, null)).isInstanceOf(IndicatorValueException.class);
        assertThatThrownBy(() -> new Actual("x", BigDecimal.ONE, null, Achievement.ACHIEVED)).isInstanceOf(IndicatorValueException.class);
        assertThatThrownBy(() -> new Actual("x", null, "%", Achievement.ACHIEVED)).isInstanceOf(IndicatorValueException.class);
        assertThatThrownBy(() -> new Actual(null, BigDecimal.ONE, null, null)).isInstanceOf(IndicatorValueException.class);
    }
}
