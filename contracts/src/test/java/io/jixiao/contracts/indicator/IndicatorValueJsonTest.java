package io.jixiao.contracts.indicator;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** Target and Actual travel as plain JSON objects of their components, decimals as strings keeping their scale. */
class IndicatorValueJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aQuantitativeTargetIsAnObjectWithItsValueAsAString() {
        Target target = Target.parse("≥15600000.00(人次/年)");
        String json = JSON.writeValueAsString(target);
        JsonNode tree = JSON.readTree(json);

        assertThat(tree.propertyNames()).containsExactlyInAnyOrder("original", "operator", "value", "unit", "qualitative",
                "interpretations");
        assertThat(tree.get("original").asString()).isEqualTo("≥15600000.00(人次/年)");
        assertThat(tree.get("operator").asString()).isEqualTo("GE");
        assertThat(tree.get("value").isString()).isTrue();
        assertThat(tree.get("value").asString()).isEqualTo("15600000.00");
        assertThat(tree.get("unit").asString()).isEqualTo("人次/年");
        assertThat(tree.get("qualitative").isNull()).isTrue();

        Target back = JSON.readValue(json, Target.class);
        assertThat(back).isEqualTo(target);
        assertThat(back.value().scale()).isEqualTo(2);
        assertThat(back.value()).isEqualTo(new BigDecimal("15600000.00"));
    }

    @Test
    void everyShapeOfTargetRoundTrips() {
        for (String text : new String[]{"≥90(%)", "≥95.00(%)", "≤5(天)", "=0(起)", "<0.000001", "≥-5.50(%)",
                "≥999999999999999.999999(元)", "100", "90%", "全部", "<p>全面保障</p>", "第一行\n第二行",
                "≧ 735 人次", ">=90%", "20万元", "﹦ 72890 元", "100%覆盖"}) {
            Target target = Target.parse(text);
            Target back = JSON.readValue(JSON.writeValueAsString(target), Target.class);
            assertThat(back).as(text).isEqualTo(target);
            if (target.quantitative()) {
                assertThat(JSON.readTree(JSON.writeValueAsString(target)).get("value").asString()).as(text)
                        .isEqualTo(target.value().toPlainString());
            }
        }
    }

    @Test
    void aQualitativeTargetHasNullNumbers() {
        JsonNode tree = JSON.readTree(JSON.writeValueAsString(Target.parse("全面保障")));
        assertThat(tree.get("qualitative").asString()).isEqualTo("全面保障");
        assertThat(tree.get("operator").isNull()).isTrue();
        assertThat(tree.get("value").isNull()).isTrue();
        assertThat(tree.get("unit").isNull()).isTrue();
    }

    @Test
    void actualsRoundTripWithTheirScale() {
        Actual visits = Actual.parse("0.00(人次/年)");
        String json = JSON.writeValueAsString(visits);
        JsonNode tree = JSON.readTree(json);
        assertThat(tree.propertyNames()).containsExactlyInAnyOrder("original", "value", "unit", "achievement", "interpretations");
        assertThat(tree.get("value").isString()).isTrue();
        assertThat(tree.get("value").asString()).isEqualTo("0.00");
        assertThat(tree.get("unit").asString()).isEqualTo("人次/年");
        assertThat(tree.get("achievement").isNull()).isTrue();
        Actual back = JSON.readValue(json, Actual.class);
        assertThat(back).isEqualTo(visits);
        assertThat(back.value().scale()).isEqualTo(2);

        Actual rate = Actual.parse("42.68(%)");
        assertThat(JSON.readValue(JSON.writeValueAsString(rate), Actual.class)).isEqualTo(rate);
        Actual bare = Actual.parse("100");
        assertThat(JSON.readValue(JSON.writeValueAsString(bare), Actual.class)).isEqualTo(bare);
    }

    @Test
    void achievementsTravelByName() {
        for (String text : new String[]{"达成指标", "部分达成", "未达成指标"}) {
            Actual actual = Actual.parse(text);
            String json = JSON.writeValueAsString(actual);
            assertThat(JSON.readTree(json).get("achievement").asString()).isEqualTo(actual.achievement().name());
            assertThat(JSON.readTree(json).get("value").isNull()).isTrue();
            assertThat(JSON.readValue(json, Actual.class)).isEqualTo(actual);
        }
        assertThat(JSON.writeValueAsString(Achievement.PARTIALLY_ACHIEVED)).isEqualTo("\"PARTIALLY_ACHIEVED\"");
        assertThat(JSON.writeValueAsString(Operator.LE)).isEqualTo("\"LE\"");
        assertThat(JSON.readValue("\"LT\"", Operator.class)).isEqualTo(Operator.LT);
    }

    @Test
    void interpretationsTravelAsAnArrayOfStrings() {
        Target target = Target.parse("≧ 735 人次");
        String json = JSON.writeValueAsString(target);
        JsonNode interpretations = JSON.readTree(json).get("interpretations");
        assertThat(interpretations.isArray()).isTrue();
        assertThat(interpretations.values()).extracting(JsonNode::asString)
                .containsExactly("OPERATOR_SPELLING", "UNIT_WITHOUT_PARENTHESES");
        assertThat(JSON.readValue(json, Target.class)).isEqualTo(target);
        assertThat(JSON.readTree(JSON.writeValueAsString(Target.parse("≥90(%)"))).get("interpretations").isEmpty())
                .isTrue();

        for (Actual actual : new Actual[]{Actual.parse("735", target), Actual.parse("735人次", target),
                Actual.parse("及时", Target.parse("及时")), Actual.parse("达成指标")}) {
            String actualJson = JSON.writeValueAsString(actual);
            assertThat(JSON.readTree(actualJson).get("interpretations").isArray()).as(actual.original()).isTrue();
            assertThat(JSON.readValue(actualJson, Actual.class)).as(actual.original()).isEqualTo(actual);
        }
        assertThat(JSON.readTree(JSON.writeValueAsString(Actual.parse("735", target))).get("interpretations").get(0)
                .asString()).isEqualTo("UNIT_FROM_TARGET");
    }

    @Test
    void jsonWithoutInterpretationsReadsAsNone() {
        Target target = JSON.readValue("""
                {"original":"≥90(%)","operator":"GE","value":"90","unit":"%","qualitative":null}""", Target.class);
        assertThat(target.interpretations()).isNotNull().isEmpty();
        assertThat(target).isEqualTo(Target.parse("≥90(%)"));
        Target nulled = JSON.readValue("""
                {"original":"全部","operator":null,"value":null,"unit":null,"qualitative":"全部","interpretations":null}""",
                Target.class);
        assertThat(nulled).isEqualTo(Target.parse("全部"));

        Actual actual = JSON.readValue("""
                {"original":"0.00(人次/年)","value":"0.00","unit":"人次/年","achievement":null}""", Actual.class);
        assertThat(actual.interpretations()).isNotNull().isEmpty();
        assertThat(actual).isEqualTo(Actual.parse("0.00(人次/年)"));
        assertThat(JSON.readValue("""
                {"original":"达成指标","value":null,"unit":null,"achievement":"ACHIEVED"}""", Actual.class))
                .isEqualTo(Actual.parse("达成指标"));
    }

    @Test
    void readsInterpretationsWrittenByAnotherService() {
        Target target = JSON.readValue("""
                {"original":"20万元","operator":null,"value":"20","unit":"万元","qualitative":null,
                 "interpretations":["NO_OPERATOR","UNIT_WITHOUT_PARENTHESES"]}""", Target.class);
        assertThat(target).isEqualTo(Target.parse("20万元"));
    }

    @Test
    void readsAValueWrittenByAnotherServiceAsAString() {
        String json = """
                {"original":"≥95.00(%)","operator":"GE","value":"95.00","unit":"%","qualitative":null}""";
        Target target = JSON.readValue(json, Target.class);
        assertThat(target).isEqualTo(Target.parse("≥95.00(%)"));
    }
}
