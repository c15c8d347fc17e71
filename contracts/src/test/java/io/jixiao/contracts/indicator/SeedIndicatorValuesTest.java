package io.jixiao.contracts.indicator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.jixiao.seed.Seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Every 年度指标值 and 实际完成值 of the seven published 2023 forms parses, with the expected shape. */
class SeedIndicatorValuesTest {

    /** One indicator row of the seed. */
    record Row(String project, String level3, String targetText, String actualText, Target target, Actual actual) {
    }

    private static List<Row> rows;

    @BeforeAll
    static void parseTheSeed() throws IOException {
        JsonNode root = JsonMapper.builder().build().readTree(Seed.forms2023());
        rows = new ArrayList<>();
        for (JsonNode project : root.get("projects")) {
            for (JsonNode indicator : project.get("indicators")) {
                String target = indicator.get("target").asString();
                String actual = indicator.get("actual").asString();
                rows.add(new Row(project.get("name").asString(), indicator.get("level3").asString(), target, actual,
                        Target.parse(target), Actual.parse(actual)));
            }
        }
    }

    @Test
    void everyRowOfTheSevenFormsParses() {
        assertThat(rows).hasSize(32);
        assertThat(rows.stream().map(Row::project).distinct()).hasSize(7);
        for (Row row : rows) {
            assertThat(row.target().display()).as(row.level3()).isEqualTo(row.targetText());
            assertThat(row.actual().display()).as(row.level3()).isEqualTo(row.actualText());
        }
    }

    @Test
    void targetsAreElevenWithAnOperatorFiveBareNumbersAndSixteenQualitative() {
        List<Target> targets = rows.stream().map(Row::target).toList();
        assertThat(targets.stream().filter(t -> t.operator() != null)).hasSize(11);
        assertThat(targets.stream().filter(Target::bareNumber)).hasSize(5);
        assertThat(targets.stream().filter(Target::quantitative)).hasSize(16);
        assertThat(targets.stream().filter(t -> !t.quantitative())).hasSize(16)
                .allSatisfy(t -> {
                    assertThat(t.qualitative()).isEqualTo(t.original());
                    assertThat(t.operator()).isNull();
                    assertThat(t.unit()).isNull();
                });
        assertThat(targets.stream().filter(t -> t.operator() != null).map(Target::operator).distinct())
                .containsExactly(Operator.GE);
        assertThat(targets.stream().filter(Target::reverse)).isEmpty();
        assertThat(targets.stream().filter(t -> t.operator() != null)
                .collect(Collectors.groupingBy(Target::unit, Collectors.counting())))
                .isEqualTo(Map.of("%", 10L, "人次/年", 1L));
        assertThat(targets.stream().filter(Target::bareNumber).map(t -> t.value().toPlainString()))
                .containsExactlyInAnyOrder("90", "100", "100", "100", "80");
        assertThat(targets.stream().filter(Target::bareNumber).map(Target::unit)).containsOnlyNulls();
        assertThat(targets.stream().filter(t -> !t.quantitative()).map(Target::qualitative).distinct())
                .contains("全部", "全面保障", "运行流畅", "畅通", "天文展示审计通过")
                .anySatisfy(text -> assertThat(text).startsWith("按国产化、密评、等保三级要求").contains("；"));
    }

    @Test
    void theOperatorTargetsKeepEveryDigitAndTheirScale() {
        Map<String, Target> byText = rows.stream().map(Row::target)
                .collect(Collectors.toMap(Target::original, Function.identity(), (a, b) -> a));

        Target visits = byText.get("≥15600000.00(人次/年)");
        assertThat(visits.operator()).isEqualTo(Operator.GE);
        assertThat(visits.value()).isEqualTo(new BigDecimal("15600000.00"));
        assertThat(visits.value().scale()).isEqualTo(2);
        assertThat(visits.value().toPlainString()).isEqualTo("15600000.00");
        assertThat(visits.unit()).isEqualTo("人次/年");

        assertThat(byText.get("≥90(%)").value()).isEqualTo(new BigDecimal("90"));
        assertThat(byText.get("≥95.00(%)").value()).isEqualTo(new BigDecimal("95.00"));
        assertThat(byText.get("≥90.00(%)").value().scale()).isEqualTo(2);
        assertThat(byText.get("≥100(%)").value()).isEqualTo(new BigDecimal("100"));
        assertThat(byText.get("≥80(%)").unit()).isEqualTo("%");

        assertThat(rows.stream().map(Row::targetText).filter(t -> t.startsWith("≥")))
                .containsExactlyInAnyOrder("≥15600000.00(人次/年)", "≥90(%)", "≥90(%)", "≥95.00(%)", "≥95.00(%)",
                        "≥100(%)", "≥80(%)", "≥95(%)", "≥90.00(%)", "≥90(%)", "≥95.00(%)");

        Target bare = byText.get("90");
        assertThat(bare.bareNumber()).isTrue();
        assertThat(bare.quantitative()).isTrue();
        assertThat(bare.operator()).isNull();
        assertThat(byText.get("全部").quantitative()).isFalse();
        assertThat(byText.get("全部").qualitative()).isEqualTo("全部");
    }

    @Test
    void actualsAreElevenNumbersAndTwentyOneAchieved() {
        List<Actual> actuals = rows.stream().map(Row::actual).toList();
        assertThat(actuals.stream().filter(Actual::quantitative)).hasSize(11)
                .allSatisfy(a -> assertThat(a.achievement()).isNull());
        assertThat(actuals.stream().filter(a -> !a.quantitative())).hasSize(21)
                .allSatisfy(a -> {
                    assertThat(a.achievement()).isEqualTo(Achievement.ACHIEVED);
                    assertThat(a.original()).isEqualTo("达成指标");
                    assertThat(a.unit()).isNull();
                });
        assertThat(actuals.stream().filter(Actual::quantitative).map(a -> a.value().toPlainString()))
                .containsExactlyInAnyOrder("0.00", "42.68", "95.00", "100.00", "95.42", "0.00", "90.00", "81.88",
                        "90.00", "4.58", "95.00");
        assertThat(actuals.stream().filter(Actual::quantitative).map(a -> a.value().scale()).distinct())
                .containsExactly(2);

        Actual visits = rows.get(0).actual();
        assertThat(visits.value()).isEqualTo(new BigDecimal("0.00"));
        assertThat(visits.unit()).isEqualTo("人次/年");
    }

    @Test
    void quantitativePairsShareTheirUnitAndBareNumbersMeetAQualitativeActual() {
        List<Row> withOperator = rows.stream().filter(r -> r.target().operator() != null).toList();
        assertThat(withOperator).hasSize(11).allSatisfy(r -> {
            assertThat(r.actual().quantitative()).as(r.level3()).isTrue();
            assertThat(r.actual().unit()).as(r.level3()).isEqualTo(r.target().unit());
        });
        // domain §6.11: bare numeric targets (100) with 达成指标 actuals are treated as qualitative, flagged
        assertThat(rows.stream().filter(r -> r.target().bareNumber())).hasSize(5)
                .allSatisfy(r -> assertThat(r.actual().achievement()).isEqualTo(Achievement.ACHIEVED));
        assertThat(rows.stream().filter(r -> !r.target().quantitative())).hasSize(16)
                .allSatisfy(r -> assertThat(r.actual().achievement()).isEqualTo(Achievement.ACHIEVED));
        assertThat(rows.stream().map(Row::target).map(Target::unit).filter(Objects::nonNull)).hasSize(11);
    }
}
