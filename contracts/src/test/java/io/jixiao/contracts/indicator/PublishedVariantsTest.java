package io.jixiao.contracts.indicator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** Strings as published on the 自评表 of other jurisdictions: every one parses, with what it was read as flagged. */
class PublishedVariantsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            ≧ 735 人次  | GE   | 735   | 人次   | OPERATOR_SPELLING UNIT_WITHOUT_PARENTHESES
            >=90%       | GE   | 90    | %      | OPERATOR_SPELLING
            =100%       | EQ   | 100   | %      | -
            ≤5天        | LE   | 5     | 天     | UNIT_WITHOUT_PARENTHESES
            20万元      | null | 20    | 万元   | NO_OPERATOR UNIT_WITHOUT_PARENTHESES
            ﹦ 72890 元 | EQ   | 72890 | 元     | OPERATOR_SPELLING UNIT_WITHOUT_PARENTHESES
            ≥100百分比  | GE   | 100   | 百分比 | UNIT_WITHOUT_PARENTHESES
            ≥ 95 %      | GE   | 95    | %      | -
            """)
    void targets(String text, Operator operator, String value, String unit, String read) {
        Target target = Target.parse(text);
        assertThat(target.operator()).isEqualTo(operator);
        assertThat(target.value()).isEqualTo(new BigDecimal(value));
        assertThat(target.unit()).isEqualTo(unit);
        assertThat(target.interpretations()).containsExactlyElementsOf(TargetTest.interpretations(read));
        assertThat(target.display()).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} against {1}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            100%  | =100%        | 100  | %    | null     | -
            98 %  | ≥ 95 %       | 98   | %    | null     | -
            735   | ≧ 735 人次   | 735  | 人次 | null     | UNIT_FROM_TARGET
            及时  | 及时         | null | null | ACHIEVED | RESTATES_TARGET
            有效  | 有效保障     | null | null | ACHIEVED | RESTATES_TARGET
            是    | 是否按时完成 | null | null | ACHIEVED | RESTATES_TARGET
            完成  | 按计划推进   | null | null | ACHIEVED | RESTATES_TARGET
            达成预期指标 | 效果明显 | null | null | ACHIEVED | ACHIEVEMENT_WORDING
            达成预期指标 | ≥50个   | null | null | ACHIEVED | ACHIEVEMENT_WORDING
            8     | =8个         | 8    | 个   | null     | UNIT_FROM_TARGET
            72890 | ﹦ 72890 元   | 72890 | 元  | null     | UNIT_FROM_TARGET
            """)
    void actuals(String text, String target, String value, String unit, Achievement achievement, String read) {
        Actual actual = Actual.parse(text, Target.parse(target));
        assertThat(actual.value()).isEqualTo(value == null ? null : new BigDecimal(value));
        assertThat(actual.unit()).isEqualTo(unit);
        assertThat(actual.achievement()).isEqualTo(achievement);
        assertThat(actual.interpretations()).containsExactlyElementsOf(TargetTest.interpretations(read));
        assertThat(actual.display()).isEqualTo(text);
    }
}
