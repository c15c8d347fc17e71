package io.jixiao.contracts.indicator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            ≥90(%)                 | GE | 90          | %
            ≥95.00(%)              | GE | 95.00       | %
            ≥15600000.00(人次/年)  | GE | 15600000.00 | 人次/年
            ≤5(天)                 | LE | 5           | 天
            =0(起)                 | EQ | 0           | 起
            >3(个)                 | GT | 3           | 个
            <2.5(小时)             | LT | 2.5         | 小时
            >=90(%)                | GE | 90          | %
            <=10(%)                | LE | 10          | %
            ≧90(%)                 | GE | 90          | %
            ≦90(%)                 | LE | 90          | %
            ＞90(%)                | GT | 90          | %
            ＜90(%)                | LT | 90          | %
            ＝100(%)               | EQ | 100         | %
            ≥90（%）               | GE | 90          | %
            ≥90(%）                | GE | 90          | %
            ≥90%                   | GE | 90          | %
            ≥ 90 (%)               | GE | 90          | %
            ≥90( 人次/年 )         | GE | 90          | 人次/年
            ≥-5.5(%)               | GE | -5.5        | %
            ≥0.000001(%)           | GE | 0.000001    | %
            ≥999999999999999.999999(元) | GE | 999999999999999.999999 | 元
            ≥000000000000000001(%) | GE | 000000000000000001 | %
            ≥90                    | GE | 90          | null
            """)
    void parsesQuantitativeTargets(String text, Operator operator, String value, String unit) {
        Target target = Target.parse(text);
        assertThat(target.operator()).isEqualTo(operator);
        assertThat(target.value()).isEqualTo(new BigDecimal(value)); // equals: same scale
        assertThat(target.unit()).isEqualTo(unit);
        assertThat(target.qualitative()).isNull();
        assertThat(target.quantitative()).isTrue();
        assertThat(target.bareNumber()).isFalse();
        assertThat(target.reverse()).isEqualTo(operator == Operator.LE || operator == Operator.LT);
        assertThat(target.display()).isEqualTo(text).isEqualTo(target.original());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            100      | 100    | null
            90       | 90     | null
            80       | 80     | null
            0.5      | 0.5    | null
            95.00    | 95.00  | null
            -3       | -3     | null
            90(%)    | 90     | %
            90%      | 90     | %
            90（万元）| 90    | 万元
            90 人次  | 90     | 人次
            """)
    void parsesBareNumbers(String text, String value, String unit) {
        Target target = Target.parse(text);
        assertThat(target.bareNumber()).isTrue();
        assertThat(target.quantitative()).isTrue();
        assertThat(target.operator()).isNull();
        assertThat(target.reverse()).isFalse();
        assertThat(target.value()).isEqualTo(new BigDecimal(value));
        assertThat(target.unit()).isEqualTo(unit);
        assertThat(target.qualitative()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"全部", "全面保障", "运行流畅", "畅通",
            "按国产化、密评、等保三级要求进行系统建设；建设与原有系统相对独立的、满足云服务和微服务架构的软硬件环境",
            "<p>全面保障</p>", "<p>≥90(%)</p>", "</p>", "<br/>达到预期", "<P class=\"x\">满意</P>",
            "１００", "１００(%)", "1e5", "1,000", "1,000.00(元)", ".5", "5.", "+5", "90％", "90%以上", "满意度≥90%",
            "一百", "NaN", "Infinity", "0x10", "-", "%", "(%)", "90(%)(%)", "90((%))", "二〇二三年度完成\n第二行",
            "第一列\t第二列", "达成指标", "✓", "😀"})
    void parsesQualitativeTargets(String text) {
        Target target = Target.parse(text);
        assertThat(target.quantitative()).isFalse();
        assertThat(target.bareNumber()).isFalse();
        assertThat(target.reverse()).isFalse();
        assertThat(target.qualitative()).isEqualTo(text);
        assertThat(target.operator()).isNull();
        assertThat(target.value()).isNull();
        assertThat(target.unit()).isNull();
        assertThat(target.display()).isEqualTo(text);
    }

    // ---- variants of other jurisdictions and their interpretations -------------------------------------------

    /** Space-separated {@link Interpretation} names, {@code -} for none. */
    static List<String> interpretations(String names) {
        return names.equals("-") ? List.of() : List.of(names.split(" "));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            ≥90(%)                | GE   | 90          | %       | -
            ≥90%                  | GE   | 90          | %       | -
            =100%                 | EQ   | 100         | %       | -
            ≥ 95 %                | GE   | 95          | %       | -
            ≥15600000.00(人次/年) | GE   | 15600000.00 | 人次/年 | -
            >=90%                 | GE   | 90          | %       | OPERATOR_SPELLING
            >= 90 %               | GE   | 90          | %       | OPERATOR_SPELLING
            ≧90(%)                | GE   | 90          | %       | OPERATOR_SPELLING
            ＜3（个）             | LT   | 3           | 个      | OPERATOR_SPELLING
            ＝0(起)               | EQ   | 0           | 起      | OPERATOR_SPELLING
            ═100(%)               | EQ   | 100         | %       | OPERATOR_SPELLING
            ﹦100%                | EQ   | 100         | %       | OPERATOR_SPELLING
            ≤5天                  | LE   | 5           | 天      | UNIT_WITHOUT_PARENTHESES
            ≥100百分比            | GE   | 100         | 百分比  | UNIT_WITHOUT_PARENTHESES
            ≥1000人次/年          | GE   | 1000        | 人次/年 | UNIT_WITHOUT_PARENTHESES
            ≥10件·次              | GE   | 10          | 件·次   | UNIT_WITHOUT_PARENTHESES
            ≤3.5km                | LE   | 3.5         | km      | UNIT_WITHOUT_PARENTHESES
            ≥2 个百分点            | GE   | 2           | 个百分点 | UNIT_WITHOUT_PARENTHESES
            ≥1一二三四五六七八九十 | GE   | 1           | 一二三四五六七八九十 | UNIT_WITHOUT_PARENTHESES
            ≧ 735 人次            | GE   | 735         | 人次    | OPERATOR_SPELLING UNIT_WITHOUT_PARENTHESES
            ﹦ 72890 元           | EQ   | 72890       | 元      | OPERATOR_SPELLING UNIT_WITHOUT_PARENTHESES
            <=10天                | LE   | 10          | 天      | OPERATOR_SPELLING UNIT_WITHOUT_PARENTHESES
            100                   | null | 100         | null    | NO_OPERATOR
            90%                   | null | 90          | %       | NO_OPERATOR
            90(%)                 | null | 90          | %       | NO_OPERATOR
            20万元                | null | 20          | 万元    | NO_OPERATOR UNIT_WITHOUT_PARENTHESES
            90 人次               | null | 90          | 人次    | NO_OPERATOR UNIT_WITHOUT_PARENTHESES
            """)
    void readsOtherSpellingsAndRecordsEveryInterpretation(String text, Operator operator, String value, String unit,
                                                          String read) {
        Target target = Target.parse(text);
        assertThat(target.operator()).isEqualTo(operator);
        assertThat(target.value()).isEqualTo(new BigDecimal(value));
        assertThat(target.unit()).isEqualTo(unit);
        assertThat(target.qualitative()).isNull();
        assertThat(target.interpretations()).containsExactlyElementsOf(interpretations(read));
        assertThat(target.display()).isEqualTo(text);
    }

    @Test
    void acceptsBlanksOfEveryKindBetweenOperatorNumberAndUnit() {
        for (String text : new String[]{"≧\t735\t人次", "≧\u3000735\u3000人次", "≧ \t\u3000735 \u3000人次", "≧735人次"}) {
            Target target = Target.parse(text);
            assertThat(target.operator()).as(text).isEqualTo(Operator.GE);
            assertThat(target.value()).as(text).isEqualTo(new BigDecimal("735"));
            assertThat(target.unit()).as(text).isEqualTo("人次");
            assertThat(target.original()).as(text).isEqualTo(text);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"100%覆盖", "5天内完成", "3个以上", "12月底前", "5年左右", "20万元以内", "5天完成", "2次达到",
            "90%以上", "90 人 次", "5一二三四五六七八九十一", "5/", "5·", "5//", "5m²", "5天。", "5天,", "90％", "1e5",
            "0x10", "5 (天) 以内", "100百分比以上"})
    void wordsAfterANumberThatAreNoUnitLeaveTheTargetQualitative(String text) {
        Target target = Target.parse(text);
        assertThat(target.quantitative()).isFalse();
        assertThat(target.qualitative()).isEqualTo(text);
        assertThat(target.interpretations()).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"≥5天内完成", "≥100%覆盖", "≤5天以内", "≥3个以上", "≥90 人 次", "≥5一二三四五六七八九十一", "≥5/",
            "≥90％", "＝5天。", "═", "﹦abc", "═ 人次", "﹦1e5", "≥=90", "≥ ≥90", "≥人次"})
    void rejectsAnOperatorFollowedByAPhrase(String text) {
        assertThatThrownBy(() -> Target.parse(text))
                .isInstanceOf(IndicatorValueException.class)
                .hasMessageContaining("after the operator")
                .extracting(e -> ((IndicatorValueException) e).field()).isEqualTo("target");
    }

    @Test
    void theCanonicalReadingDoesNotDependOnHowTheUnitOrOperatorIsWritten() {
        Target seed = Target.parse("≥90(%)");
        for (String text : new String[]{"≥90%", "≥ 90 %", ">=90%", "≧90（%）", ">= 90 (%)"}) {
            assertThat(Target.parse(text)).as(text).usingRecursiveComparison()
                    .ignoringFields("original", "interpretations").isEqualTo(seed);
        }
        assertThat(Target.parse("≥90%")).isEqualTo(new Target("≥90%", Operator.GE, new BigDecimal("90"), "%", null));
        assertThat(Target.parse("≧ 735 人次")).usingRecursiveComparison().ignoringFields("original", "interpretations")
                .isEqualTo(Target.parse("≥735(人次)"));
        assertThat(Target.parse("20万元")).usingRecursiveComparison().ignoringFields("original", "interpretations")
                .isEqualTo(Target.parse("20（万元）"));
        assertThat(Target.parse("≥735(人次)").interpretations()).isEmpty();
        assertThat(Target.parse("20（万元）").interpretations()).containsExactly(Interpretation.NO_OPERATOR);
    }

    @Test
    void interpretationsAreNeverNullAndCannotBeChanged() {
        Target old = new Target("≥1(%)", Operator.GE, BigDecimal.ONE, "%", null);
        assertThat(old.interpretations()).isEmpty();
        assertThat(new Target("≥1(%)", Operator.GE, BigDecimal.ONE, "%", null, null)).isEqualTo(old);

        List<String> given = new ArrayList<>(List.of(Interpretation.OPERATOR_SPELLING));
        Target target = new Target("≧1(%)", Operator.GE, BigDecimal.ONE, "%", null, given);
        given.add(Interpretation.NO_OPERATOR);
        assertThat(target.interpretations()).containsExactly(Interpretation.OPERATOR_SPELLING);
        assertThatThrownBy(() -> target.interpretations().add("X")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Target.parse("≧1").interpretations().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(Target.parse("全面保障").interpretations()).isEmpty();
    }

    @Test
    void interpretationsAreStableStrings() {
        assertThat(List.of(Interpretation.OPERATOR_SPELLING, Interpretation.UNIT_WITHOUT_PARENTHESES,
                Interpretation.NO_OPERATOR, Interpretation.UNIT_FROM_TARGET, Interpretation.RESTATES_TARGET))
                .containsExactly("OPERATOR_SPELLING", "UNIT_WITHOUT_PARENTHESES", "NO_OPERATOR", "UNIT_FROM_TARGET",
                        "RESTATES_TARGET");
    }

    @Test
    void stripsOnlyOuterWhitespace() {
        Target quantitative = Target.parse("  \t≥90 (%)\n ");
        assertThat(quantitative.original()).isEqualTo("≥90 (%)");
        assertThat(quantitative.display()).isEqualTo("≥90 (%)");
        Target qualitative = Target.parse("\u3000 全面  保障\n");
        assertThat(qualitative.qualitative()).isEqualTo("全面  保障");
        assertThat(Target.parse("<p>全面保障</p>\n").display()).isEqualTo("<p>全面保障</p>");
    }

    @Test
    void acceptsATextOfExactlyTheMaximumLength() {
        String text = "长".repeat(Target.MAX_LENGTH);
        assertThat(Target.parse(text).qualitative()).isEqualTo(text);
        String emoji = "😀".repeat(Target.MAX_LENGTH); // 1000 characters, 2000 chars
        assertThat(Target.parse(emoji).qualitative()).isEqualTo(emoji);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", " ", "\t\n", "\u3000",
            "≥abc", "≥1e5", "≥1E5", "≥", ">=", "≥ ", "≥(%)", "≥%", "≥.5", "≥5.", "≥+5", "≥1,000", "≥１００", "≥90％",
            "≥90(%", "≥90%)", "≥90()", "≥90( )", "≥90(%)以上", "≥90(%)(%)", "≥≥90", "<abc", "<90>",
            "＞满意", "=全部", "≤五天", "≥NaN", "≥Infinity", "≥0x10", "≥90(人次\n年)", "≥90(一二三四五六七八九十一二三四五六七八九十一)",
            "≥1.1234567", "1.1234567", "≥1234567890123456", "1234567890123456", "1234567890123456(元)",
            "≥1234567890123456.5", "-1234567890123456", "90()",
            "全面\u0000保障", "全面\r\n保障", "a\u0007b", "\u007F", "x\u0085y", "x\uD800y", "x\uDC00"})
    void rejects(String text) {
        assertThatThrownBy(() -> Target.parse(text))
                .isInstanceOf(IndicatorValueException.class)
                .hasMessageContaining("年度指标值")
                .extracting(e -> ((IndicatorValueException) e).field()).isEqualTo("target");
    }

    @Test
    void rejectsNullAndOverLongTexts() {
        assertThatThrownBy(() -> Target.parse(null)).isInstanceOf(IndicatorValueException.class)
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> Target.parse("长".repeat(Target.MAX_LENGTH + 1))).isInstanceOf(IndicatorValueException.class)
                .hasMessageContaining("longer than 1000");
        assertThatThrownBy(() -> Target.parse("≥" + "9".repeat(2000))).isInstanceOf(IndicatorValueException.class);
    }

    @Test
    void errorMessagesSayWhatIsWrong() {
        assertThatThrownBy(() -> Target.parse("≥abc")).hasMessageContaining("\"≥abc\"")
                .hasMessageContaining("after the operator ≥").hasMessageContaining("≥90(%)");
        assertThatThrownBy(() -> Target.parse("≥1.1234567(%)")).hasMessageContaining("7 decimals");
        assertThatThrownBy(() -> Target.parse("≥1234567890123456")).hasMessageContaining("16 digits before the decimal point");
        assertThatThrownBy(() -> Target.parse("全面\u0000保障")).hasMessageContaining("U+0000");
        assertThatThrownBy(() -> Target.parse("  ")).hasMessageContaining("blank");
    }

    @Test
    void theCanonicalConstructorKeepsExactlyOneShape() {
        assertThatThrownBy(() -> new Target("x", null, null, null, null)).isInstanceOf(IndicatorValueException.class);
        assertThatThrownBy(() -> new Target("x", null, BigDecimal.ONE, null, "x")).isInstanceOf(IndicatorValueException.class);
        assertThatThrownBy(() -> new Target("x", Operator.GE, null, null, "x")).isInstanceOf(IndicatorValueException.class);
        assertThatThrownBy(() -> new Target("x", null, null, "%", "x")).isInstanceOf(IndicatorValueException.class);
        assertThatThrownBy(() -> new Target(null, null, null, null, "x")).isInstanceOf(IndicatorValueException.class);
        assertThat(new Target("≥1(%)", Operator.GE, BigDecimal.ONE, "%", null).quantitative()).isTrue();
    }

    @Test
    void operatorsAndAchievementsRenderAsOnTheForm() {
        assertThat(Operator.GE.symbol()).isEqualTo("≥");
        assertThat(Operator.GT.symbol()).isEqualTo(">");
        assertThat(Operator.EQ.symbol()).isEqualTo("=");
        assertThat(Operator.LE.symbol()).isEqualTo("≤");
        assertThat(Operator.LT.symbol()).isEqualTo("<");
        assertThat(Achievement.ACHIEVED.label() + "指标").isEqualTo("达成指标");
        assertThat(Achievement.PARTIALLY_ACHIEVED.label() + "指标").isEqualTo("部分达成指标");
        assertThat(Achievement.NOT_ACHIEVED.label() + "指标").isEqualTo("未达成指标");
        for (Operator operator : Operator.values()) {
            assertThat(Target.parse(operator.symbol() + "1").operator()).isEqualTo(operator);
        }
    }
}
