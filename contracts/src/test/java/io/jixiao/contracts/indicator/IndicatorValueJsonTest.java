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

        assertThat(tree.propertyNames()).containsExactlyInAnyOrder("original", "operator", "value", "unit", "qualitative");
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
                "≥999999999999999.999999(元)", "100", "90%", "全部", "<p>全面保障</p>", "第一行\n第二行"}) {
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
        assertThat(tree.propertyNames()).containsExactlyInAnyOrder("original", "value", "unit", "achievement");
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
    void readsAValueWrittenByAnotherServiceAsAString() {
        String json = """
                {"original":"≥95.00(%)","operator":"GE","value":"95.00","unit":"%","qualitative":null}""";
        Target target = JSON.readValue(json, Target.class);
        assertThat(target).isEqualTo(Target.parse("≥95.00(%)"));
    }
}
