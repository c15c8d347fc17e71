package io.jixiao.importer;

import io.jixiao.importer.ImportPlanner.ImportFileException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.jixiao.seed.Seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class ImportPlannerTest {

    static String seed() {
        return Seed.forms2023();
    }

    private static ProjectPlan byName(List<ProjectPlan> plans, String name) {
        return plans.stream().filter(p -> name.equals(p.name())).findFirst().orElseThrow();
    }

    /** What the budget calls of a plan leave per fund source, folded the way budget-service folds its events. */
    static Map<String, BigDecimal[]> fold(ProjectPlan plan) {
        Map<String, BigDecimal[]> sources = new HashMap<>();
        for (ApiCall call : plan.calls()) {
            String source = (String) call.field("fundSource");
            if (source == null) {
                continue;
            }
            BigDecimal[] row = sources.computeIfAbsent(source, s -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            BigDecimal amount = new BigDecimal((String) call.field("amount"));
            switch (call.kind()) {
                case INITIAL_BUDGET -> {
                    row[0] = row[0].add(amount);
                    row[1] = row[1].add(amount);
                }
                case ADJUSTMENT -> row[1] = "INCREASE".equals(call.field("kind")) ? row[1].add(amount) : row[1].subtract(amount);
                case PAYMENT -> row[2] = row[2].add(amount);
                default -> throw new AssertionError(call);
            }
        }
        return sources;
    }

    // --- the seed ---

    @Test
    void everySeedProjectValidatesAndGetsAStableProjectId() {
        List<ProjectPlan> plans = ImportPlanner.plan(seed());

        assertThat(plans).hasSize(7).allSatisfy(p -> {
            assertThat(p.errors()).isEmpty();
            assertThat(p.projectId()).matches("2023-F[0-9A-F]{10}").isEqualTo("2023-" + ImportPlanner.codeFor(p.name()));
            assertThat(p.calls().get(0).kind()).isEqualTo(ApiCall.Kind.REGISTER);
            assertThat(p.calls().get(0).field("ruleSet")).isEqualTo("shanghai-2023");
            assertThat(p.calls(ApiCall.Kind.OPEN)).hasSize(1);
        });
        assertThat(plans).extracting(ProjectPlan::projectId).doesNotHaveDuplicates();
        assertThat(ImportPlanner.codeFor("展示运行")).isEqualTo(ImportPlanner.codeFor("展示运行")).hasSize(11);
    }

    @Test
    void theSeedsBudgetCallsReproduceEveryFundSourceIn元() {
        JsonNode file = Json.read(seed());
        List<ProjectPlan> plans = ImportPlanner.plan(file);
        int i = 0;
        for (JsonNode project : file.get("projects")) {
            ProjectPlan plan = plans.get(i++);
            Map<String, BigDecimal[]> folded = fold(plan);
            ImportPlanner.SOURCES.forEach((key, source) -> {
                JsonNode row = project.get("funds").get(key);
                BigDecimal[] got = folded.getOrDefault(source, new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
                assertThat(got[0]).as(plan.name() + " " + source + " initial").isEqualByComparingTo(wan(row.get("initial")));
                assertThat(got[1]).as(plan.name() + " " + source + " fullYear").isEqualByComparingTo(wan(row.get("fullYear")));
                assertThat(got[2]).as(plan.name() + " " + source + " executed").isEqualByComparingTo(wan(row.get("executed")));
                assertThat(plan.expected().get(source).fullYear()).isEqualByComparingTo(wan(row.get("fullYear")));
            });
        }
    }

    private static BigDecimal wan(JsonNode figure) {
        return new BigDecimal(figure.asString()).multiply(new BigDecimal("10000"));
    }

    @Test
    void 展示运行DecreasesToItsFullYearBudgetAndPaysWhatWasExecuted() {
        ProjectPlan plan = byName(ImportPlanner.plan(seed()), "展示运行");

        assertThat(plan.calls(ApiCall.Kind.INITIAL_BUDGET)).extracting(c -> c.field("fundSource"), c -> c.field("amount"))
                .containsExactly(tuple("CURRENT_YEAR_APPROPRIATION", "75052900.00"), tuple("OTHER_FUNDS", "126213100.00"));
        // 20126.60万 − 703.49万 = 19423.11万
        assertThat(plan.calls(ApiCall.Kind.ADJUSTMENT))
                .extracting(c -> c.field("adjustmentId"), c -> c.field("kind"), c -> c.field("fundSource"), c -> c.field("amount"),
                        c -> c.field("correction"), c -> c.field("businessDate"))
                .containsExactly(
                        tuple("IMPORT-DEC-CURRENT_YEAR_APPROPRIATION", "DECREASE", "CURRENT_YEAR_APPROPRIATION", "535100.00", null, "2023-12-31"),
                        tuple("IMPORT-DEC-OTHER_FUNDS", "DECREASE", "OTHER_FUNDS", "6499800.00", null, "2023-12-31"));
        // 15903.65万 executed
        assertThat(plan.calls(ApiCall.Kind.PAYMENT))
                .extracting(c -> c.field("paymentReference"), c -> c.field("amount"), c -> c.field("payee"), c -> c.field("voucherNumber"))
                .containsExactly(
                        tuple("IMPORT-CURRENT_YEAR_APPROPRIATION", "71289800.00", "历史数据导入", "IMPORT"),
                        tuple("IMPORT-OTHER_FUNDS", "87746700.00", "历史数据导入", "IMPORT"));
        BigDecimal fullYear = plan.expected().values().stream().map(ProjectPlan.Expected::fullYear).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal executed = plan.expected().values().stream().map(ProjectPlan.Expected::executed).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(fullYear).isEqualByComparingTo("194231100.00");
        assertThat(executed).isEqualByComparingTo("159036500.00");
        // the initial budgets come before the opening, the adjustments and payments after it
        List<ApiCall.Kind> kinds = plan.calls().stream().map(ApiCall::kind).toList();
        assertThat(kinds.lastIndexOf(ApiCall.Kind.INITIAL_BUDGET)).isLessThan(kinds.indexOf(ApiCall.Kind.OPEN));
        assertThat(kinds.indexOf(ApiCall.Kind.OPEN)).isLessThan(kinds.indexOf(ApiCall.Kind.PAYMENT));
    }

    @Test
    void indicatorsThatRestateBudgetExecutionFollowTheRateAndTheOthersGetTheirActual() {
        List<ProjectPlan> plans = ImportPlanner.plan(seed());
        List<String> bound = new ArrayList<>();
        for (ProjectPlan plan : plans) {
            for (ApiCall binding : plan.calls(ApiCall.Kind.EXECUTION_RATE_BINDING)) {
                String id = binding.path().split("/")[6];
                ApiCall definition = plan.calls(ApiCall.Kind.INDICATOR).stream()
                        .filter(c -> id.equals(c.field("indicatorId"))).findFirst().orElseThrow();
                bound.add(plan.name() + " " + definition.field("level3"));
                assertThat(plan.calls(ApiCall.Kind.ACTUAL)).noneMatch(c -> c.path().contains("/indicators/" + id + "/"));
            }
        }
        // 当年预算完成率 and 预算执行率 (with the seed's typo 预算执行率率), all with % targets
        assertThat(bound).containsExactlyInAnyOrder(
                "科普场馆运行保障经费 当年预算完成率",
                "能源保障 预算执行率",
                "信息化运维项目 预算执行率",
                "展示运行 预算执行率率",
                "科技馆展区更新改造 当年预算完成率");
        // 项目完成率 ≥100(%) of 天文馆展示工程 does not restate execution: its 0.00(%) is recorded
        ProjectPlan tianwen = byName(plans, "天文馆展示工程");
        assertThat(tianwen.calls(ApiCall.Kind.ACTUAL)).first().satisfies(c -> {
            assertThat(c.path()).endsWith("/indicators/i1/actual");
            assertThat(c.body()).containsEntry("actual", "0.00(%)").containsEntry("businessDate", "2023-12-31");
        });
        assertThat(plans).allSatisfy(p -> assertThat(p.warnings()).noneMatch(w -> w.contains("follows the execution rate")));
    }

    @Test
    void everyIndicatorIsDefinedInFileOrderWithItsSelfAssessedScoreAndGoalTexts() {
        ProjectPlan plan = byName(ImportPlanner.plan(seed()), "科普场馆运行保障经费");

        assertThat(plan.calls(ApiCall.Kind.INDICATOR)).extracting(c -> c.field("indicatorId"), c -> c.field("level3"), c -> c.field("weight"))
                .containsExactly(tuple("i1", "当年预算完成率", "5.00"), tuple("i2", "合格率", "75.00"),
                        tuple("i3", "实物工作量在计划工期内完成", "10.00"), tuple("i4", "保障场馆正常运行", "0.00"),
                        tuple("i5", "提升环境舒适度和游客体验度", "0.00"));
        assertThat(plan.calls(ApiCall.Kind.SELF_ASSESSED_SCORE)).hasSize(5).allSatisfy(c -> assertThat(c.field("imported")).isEqualTo(true));
        // 70.00 of 75 without any explanation: accepted as imported history, and flagged
        ApiCall hege = plan.calls(ApiCall.Kind.SELF_ASSESSED_SCORE).get(1);
        assertThat(hege.path()).endsWith("/indicators/i2/scores/self-assessed");
        assertThat(hege.body()).containsEntry("score", "70.00").doesNotContainKey("deviation");
        assertThat(plan.warnings()).anyMatch(w -> w.contains("合格率") && w.contains("imported and flagged"));
        assertThat(plan.calls(ApiCall.Kind.SELF_ASSESSED_SCORE).get(0).body())
                .containsEntry("score", "4.00").containsKey("deviation");
        assertThat(plan.calls(ApiCall.Kind.GOAL)).singleElement().satisfies(c -> assertThat(c.body()).containsEntry("text", "按进度执行"));
        assertThat(plan.calls(ApiCall.Kind.GOAL_ACHIEVEMENT)).hasSize(1);
        // the score of an indicator comes after its definition and its actual
        List<String> order = plan.calls().stream().filter(c -> c.path().contains("/i2")).map(c -> c.kind().name()).toList();
        assertThat(order).containsExactly("ACTUAL", "SELF_ASSESSED_SCORE");
    }

    // --- fund arithmetic ---

    @Test
    void overExecutionIsReproducedWithAnIncreaseAPaymentAndACorrectingDecrease() {
        ProjectPlan plan = single(p -> p.set("funds", funds(row("100.00", "100.00", "120.00"), row("0.00", "50.00", "50.00"), null)));

        assertThat(plan.errors()).isEmpty();
        assertThat(plan.calls(ApiCall.Kind.INITIAL_BUDGET)).extracting(c -> c.field("fundSource"), c -> c.field("amount"))
                .containsExactly(tuple("CURRENT_YEAR_APPROPRIATION", "1000000.00"));
        assertThat(plan.calls(ApiCall.Kind.ADJUSTMENT))
                .extracting(c -> c.field("adjustmentId"), c -> c.field("amount"), c -> c.field("correction"))
                .containsExactly(
                        tuple("IMPORT-INC-CURRENT_YEAR_APPROPRIATION", "200000.00", null),
                        tuple("IMPORT-DEC-CURRENT_YEAR_APPROPRIATION", "200000.00", true),
                        // a source without initial budget gets its full-year budget as an increase after the opening
                        tuple("IMPORT-INC-PRIOR_YEAR_CARRYOVER", "500000.00", null));
        Map<String, BigDecimal[]> folded = fold(plan);
        assertThat(folded.get("CURRENT_YEAR_APPROPRIATION")).containsExactly(
                new BigDecimal("1000000.00"), new BigDecimal("1000000.00"), new BigDecimal("1200000.00"));
        // the bound 预算执行率 shows the live rate, 170 / 150; the printed one is compared by scoring-service
        assertThat(plan.warnings()).isEmpty();
        assertThat(published(plan)).containsEntry("funds.total.executed", "1700000.00").containsEntry("funds.total.fullYear", "1500000.00");
    }

    @Test
    void 元AmountsAreTakenAsTheyAreAndBlankFiguresAreZero() {
        ProjectPlan plan = single(p -> {
            p.put("amountUnit", "元");
            ObjectNode other = row("12.34", "12.34", null);
            other.remove("rate");
            p.set("funds", funds(row("1000.50", "1000.50", "999.99"), null, other));
        });

        assertThat(plan.errors()).isEmpty();
        assertThat(plan.calls(ApiCall.Kind.INITIAL_BUDGET)).extracting(c -> c.field("amount")).containsExactly("1000.50", "12.34");
        assertThat(plan.calls(ApiCall.Kind.PAYMENT)).extracting(c -> c.field("amount")).containsExactly("999.99");
    }

    // --- rule sets ---

    @Test
    void inlineRuleSetParametersArePutBeforeTheRegistrationNamesThem() {
        ProjectPlan named = single(p -> p.put("ruleSet", "putuo-2022"));
        assertThat(named.calls(ApiCall.Kind.RULE_SET)).isEmpty();
        assertThat(named.calls().get(0).field("ruleSet")).isEqualTo("putuo-2022");

        ProjectPlan inline = single(p -> p.set("ruleSet", Json.MAPPER.createObjectNode().put("rounding", "HALF_UP").put("fundsWeight", "20.00")));
        String id = "import-" + ImportPlanner.codeFor("测试项目").toLowerCase();
        assertThat(inline.calls().get(0)).satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ApiCall.Kind.RULE_SET);
            assertThat(c.method()).isEqualTo("PUT");
            assertThat(c.path()).isEqualTo("/api/scoring/rule-sets/" + id);
            assertThat(c.body()).containsExactly(Map.entry("id", id), Map.entry("rounding", "HALF_UP"), Map.entry("fundsWeight", "20.00"));
        });
        assertThat(inline.calls().get(1).field("ruleSet")).isEqualTo(id);
        // 90 of indicator weights against a funds weight of 20
        assertThat(inline.warnings()).anyMatch(w -> w.contains("not 80.00"));

        ProjectPlan withId = single(p -> p.set("ruleSet", Json.MAPPER.createObjectNode().put("id", "putuo-2022").put("rounding", "HALF_UP")));
        assertThat(withId.calls().get(0).body()).containsExactly(Map.entry("id", "putuo-2022"), Map.entry("rounding", "HALF_UP"));

        ProjectPlan bad = single(p -> p.set("ruleSet", Json.MAPPER.createObjectNode().put("id", "Putuo 2022").put("rounding", "HALF_WAY").put("bands", "x")));
        assertThat(bad.errors()).hasSize(3).anyMatch(e -> e.contains("rounding HALF_WAY"))
                .anyMatch(e -> e.contains("\"bands\" is not supported")).anyMatch(e -> e.contains("ruleSet.id Putuo 2022"));
    }

    // --- malformed input ---

    @Test
    void malformedProjectsAreEachRejectedWithTheirReasonWhileTheGoodOnesArePlanned() {
        ObjectNode file = (ObjectNode) Json.read(seed());
        ArrayNode projects = (ArrayNode) file.get("projects");
        List<String> expectedReasons = new ArrayList<>();
        Map<String, Consumer<ObjectNode>> breakages = new java.util.LinkedHashMap<>();
        breakages.put("name is missing", p -> p.remove("name"));
        breakages.put("year is missing", p -> p.remove("year"));
        breakages.put("department must be a string", p -> p.put("department", 42));
        breakages.put("unknown amountUnit 千元", p -> p.put("amountUnit", "千元"));
        breakages.put("funds.otherFunds.executed \"1.330,50\" is not a decimal", p -> fundsRow(p, "otherFunds").put("executed", "1.330,50"));
        breakages.put("funds.weight \"10.125\" has more than 2 decimals", p -> ((ObjectNode) p.get("funds")).put("weight", "10.125"));
        breakages.put("is finer than a fen", p -> p.put("amountUnit", "元").set("funds", funds(row("1.001", "1.001", "1.001"), null, null)));
        breakages.put("funds.total.initial 1404.67 must be a string", p -> fundsRow(p, "total").put("initial", 1404.67));
        breakages.put("level1 is missing", p -> indicator(p, 0).remove("level1"));
        breakages.put("weight is missing", p -> indicator(p, 1).putNull("weight"));
        breakages.put("unknown fund source \"specialFunds\"", p -> ((ObjectNode) p.get("funds")).set("specialFunds", row("1.00", "1.00", "1.00")));
        breakages.put("indicator weights add up to 105.00, above 100", p -> indicator(p, 1).put("weight", "70.00"));
        breakages.put("level2 质量 does not belong under 效益指标", p -> indicator(p, 2).put("level2", "质量"));
        breakages.put("score 31.00 is above its weight 30.00", p -> indicator(p, 2).put("score", "31.00"));
        breakages.forEach((reason, breakage) -> {
            ObjectNode copy = (ObjectNode) projects.get(0).deepCopy();
            copy.put("name", "坏项目 " + expectedReasons.size());
            breakage.accept(copy);
            projects.add(copy);
            expectedReasons.add(reason);
        });

        List<ProjectPlan> plans = ImportPlanner.plan(file);

        assertThat(plans).hasSize(7 + breakages.size());
        assertThat(plans.subList(0, 7)).allSatisfy(p -> assertThat(p.valid()).isTrue());
        for (int i = 0; i < expectedReasons.size(); i++) {
            ProjectPlan plan = plans.get(7 + i);
            assertThat(plan.valid()).as(expectedReasons.get(i)).isFalse();
            assertThat(plan.calls()).isEmpty();
            String reason = expectedReasons.get(i);
            assertThat(plan.errors()).as(plan.title()).anyMatch(e -> e.contains(reason));
        }
    }

    @Test
    void weightsThatDoNotAddUpTo90OnlyWarn() {
        ProjectPlan plan = single(p -> ((ObjectNode) p.get("indicators").get(3)).put("weight", "25.00"));

        assertThat(plan.errors()).isEmpty();
        assertThat(plan.warnings()).anyMatch(w -> w.contains("indicator weights add up to 95.00, not 90.00"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> published(ProjectPlan plan) {
        return (Map<String, String>) plan.calls(ApiCall.Kind.PUBLISHED_FIGURES).get(0).field("figures");
    }

    /** The importer computes no figure: what the form printed goes to scoring-service, which flags what differs. */
    @Test
    void everyPrintedFigureIsSentAsPublishedForTheLiveFormToCompare() {
        ProjectPlan plan = single(p -> fundsRow(p, "currentYearAppropriation").put("rate", "99.99"));

        assertThat(plan.valid()).isTrue();
        assertThat(plan.warnings()).isEmpty();
        ApiCall call = plan.calls(ApiCall.Kind.PUBLISHED_FIGURES).get(0);
        assertThat(call.path()).isEqualTo("/api/scoring/projects/" + plan.projectId() + "/published");
        assertThat(plan.calls().get(plan.calls().size() - 1)).as("sent last").isEqualTo(call);
        assertThat(published(plan)).containsEntry("funds.currentYearAppropriation.rate", "99.99")
                .containsEntry("funds.total.fullYear", "15665000.00").containsEntry("funds.score", "10.00")
                .containsEntry("indicators.i1.weight", "30.00").containsEntry("total", "100.00").containsEntry("grade", "优");
    }

    @Test
    void aTotalRowThatIsNotTheSumOfItsSourcesIsImportedFromTheSourcesAndFlagged() {
        ProjectPlan plan = single(p -> fundsRow(p, "total").put("executed", "1.00"));

        assertThat(plan.valid()).isTrue();
        assertThat(plan.warnings()).singleElement().asString().contains("funds.total.executed 1.00 is not the sum", "(1566.50)");
        assertThat(plan.expected().get("CURRENT_YEAR_APPROPRIATION").executed()).isEqualByComparingTo("15665000.00");
        assertThat(published(plan)).containsEntry("funds.total.executed", "10000.00");
    }

    /** 普陀 2022 in 元: 215,457.6 grouped, one decimal, a rate with %, weights and scores as whole numbers. */
    @Test
    void readsFiguresAsOtherJurisdictionsPrintThem() {
        ProjectPlan plan = single(p -> {
            p.put("amountUnit", "元");
            ObjectNode funds = funds(row("250000.00", "250000.00", "215457.6"), row("0", "0", null), null);
            ((ObjectNode) funds.get("total")).put("executed", "215,457.6").put("rate", "86.19%");
            funds.put("weight", "10").put("score", "8.62");
            p.set("funds", funds);
            indicator(p, 0).put("weight", "30").put("score", "30");
        });

        assertThat(plan.errors()).isEmpty();
        assertThat(plan.expected().get("CURRENT_YEAR_APPROPRIATION").executed()).isEqualByComparingTo("215457.60");
        assertThat(published(plan)).containsEntry("funds.total.executed", "215457.60").containsEntry("funds.total.rate", "86.19")
                .containsEntry("funds.weight", "10").containsEntry("indicators.i1.score", "30");
        assertThat(plan.warnings()).anyMatch(w -> w.contains("\"215,457.6\" is read without its thousands separators"));
    }

    /** 池州 2022: 万元 with 3 decimals, headings with their section points; 天长: a template without 年初预算数. */
    @Test
    void readsTemplatesWithoutInitialBudgetsOrSourceRowsAndHeadingsWithPoints() {
        ProjectPlan noInitial = single(p -> {
            ObjectNode current = row("89.974", "89.974", "89.974");
            current.putNull("initial");
            p.set("funds", funds(current, null, null));
            indicator(p, 0).put("level1", "产出指标(50分)");
            indicator(p, 1).put("level1", "產出指標").put("level2", "數量指標");
        });
        assertThat(noInitial.errors()).isEmpty();
        assertThat(noInitial.expected().get("CURRENT_YEAR_APPROPRIATION").initial()).isEqualByComparingTo("899740.00");
        assertThat(noInitial.warnings()).anyMatch(w -> w.contains("no 年初预算数 printed"))
                .anyMatch(w -> w.contains("heading 产出指标(50分)")).anyMatch(w -> w.contains("read as 产出指标 / 数量指标"));
        assertThat(noInitial.calls(ApiCall.Kind.INDICATOR).get(0).field("level1")).isEqualTo("产出指标");

        ProjectPlan onlyTotal = single(p -> {
            ObjectNode funds = Json.MAPPER.createObjectNode();
            funds.set("total", row("20000.00", "20000.00", "9034"));
            funds.set("currentYearAppropriation", row("0", "0", null));
            p.set("funds", funds);
        });
        assertThat(onlyTotal.errors()).isEmpty();
        assertThat(onlyTotal.expected().get("CURRENT_YEAR_APPROPRIATION").fullYear()).isEqualByComparingTo("200000000.00");
        assertThat(onlyTotal.warnings()).anyMatch(w -> w.contains("the total row is imported as 当年财政拨款"));
    }

    @Test
    void aBlankDepartmentOrUnitIsImportedAsNotFilledIn() {
        ProjectPlan plan = single(p -> {
            p.put("department", "  ");
            p.remove("implementingUnit");
        });
        assertThat(plan.errors()).isEmpty();
        assertThat(plan.calls(ApiCall.Kind.REGISTER).get(0).field("department")).isEqualTo(ImportPlanner.NO_TARGET);
        assertThat(plan.calls(ApiCall.Kind.REGISTER).get(0).field("implementingUnit")).isEqualTo(ImportPlanner.NO_TARGET);
        assertThat(plan.warnings()).anyMatch(w -> w.startsWith("主管部门 (department) is blank"));
    }

    @Test
    void blankTemplateRowsAreLeftOutAndAMissingTargetIsImportedAsNotFilledIn() {
        ProjectPlan plan = single(p -> {
            ArrayNode indicators = (ArrayNode) p.get("indicators");
            indicators.addObject().put("level1", "效益指标").put("level2", "生态效益指标").put("level3", "指标1:/")
                    .put("target", "/").put("actual", "/").putNull("weight").putNull("score");
            indicator(p, 1).putNull("target").put("actual", "/");
        });
        assertThat(plan.errors()).isEmpty();
        assertThat(plan.calls(ApiCall.Kind.INDICATOR)).hasSize(4);
        assertThat(plan.calls(ApiCall.Kind.INDICATOR).get(1).field("target")).isEqualTo(ImportPlanner.NO_TARGET);
        assertThat(plan.warnings()).anyMatch(w -> w.contains("an empty row of the template")).anyMatch(w -> w.contains("imported as 未填写"));
    }

    @Test
    void theSameProjectTwiceInAFileIsRejectedTheSecondTime() {
        ObjectNode file = (ObjectNode) Json.read(seed());
        ((ArrayNode) file.get("projects")).add(file.get("projects").get(2).deepCopy());

        List<ProjectPlan> plans = ImportPlanner.plan(file);

        assertThat(plans.get(7).errors()).first().asString().contains("same project-year", "project #3");
        assertThat(plans.get(2).valid()).isTrue();
    }

    @Test
    void aFileThatIsNotAnImportFileIsRejectedAsAWhole() {
        assertThatThrownBy(() -> ImportPlanner.plan("{\"projects\": [")).isInstanceOf(ImportFileException.class)
                .hasMessageContaining("not a valid JSON file");
        assertThatThrownBy(() -> ImportPlanner.plan("{\"forms\": []}")).isInstanceOf(ImportFileException.class)
                .hasMessageContaining("no \"projects\" array");
        assertThatThrownBy(() -> ImportPlanner.plan("{\"projects\": [], \"projects\": []}")).isInstanceOf(ImportFileException.class);
    }

    // --- helpers ---

    /** One project like 能源保障 (one source, four indicators summing to 90), changed by {@code change}. */
    static ProjectPlan single(Consumer<ObjectNode> change) {
        ObjectNode file = (ObjectNode) Json.read(seed());
        ObjectNode project = (ObjectNode) file.get("projects").get(2).deepCopy();
        project.put("name", "测试项目");
        change.accept(project);
        List<ProjectPlan> plans = ImportPlanner.plan(Json.MAPPER.createObjectNode().set("projects", Json.MAPPER.createArrayNode().add(project)));
        return plans.get(0);
    }

    static ObjectNode row(String initial, String fullYear, String executed) {
        ObjectNode row = Json.MAPPER.createObjectNode().put("initial", initial).put("fullYear", fullYear);
        if (executed == null) {
            row.putNull("executed");
        } else {
            row.put("executed", executed);
        }
        return row.put("rate", executed == null ? "0.00" : printedRate(new BigDecimal(executed), new BigDecimal(fullYear)));
    }

    /** The three sources (null: absent) and their total. */
    static ObjectNode funds(ObjectNode current, ObjectNode prior, ObjectNode other) {
        ObjectNode funds = Json.MAPPER.createObjectNode();
        BigDecimal[] total = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
        String[] columns = {"initial", "fullYear", "executed"};
        Map<String, ObjectNode> rows = new java.util.LinkedHashMap<>();
        rows.put("currentYearAppropriation", current);
        rows.put("priorYearCarryover", prior);
        rows.put("otherFunds", other);
        rows.forEach((key, row) -> {
            if (row != null) {
                funds.set(key, row);
                for (int i = 0; i < 3; i++) {
                    JsonNode v = row.get(columns[i]);
                    total[i] = total[i].add(v == null || v.isNull() ? BigDecimal.ZERO : new BigDecimal(v.asString()));
                }
            }
        });
        ObjectNode totalRow = Json.MAPPER.createObjectNode();
        for (int i = 0; i < 3; i++) {
            totalRow.put(columns[i], total[i].scale() > 2 ? total[i].toPlainString() : total[i].setScale(2).toPlainString());
        }
        totalRow.put("rate", printedRate(total[2], total[1]));
        funds.set("total", totalRow);
        return funds.put("weight", "10.00");
    }

    /** A rate as the seed prints it (cut to 2 decimals): test data, not the system's rule. */
    private static String printedRate(BigDecimal executed, BigDecimal fullYear) {
        return fullYear.signum() == 0 ? "0.00"
                : executed.multiply(BigDecimal.valueOf(100)).divide(fullYear, 2, java.math.RoundingMode.DOWN).toPlainString();
    }

    private static ObjectNode fundsRow(ObjectNode project, String key) {
        return (ObjectNode) project.get("funds").get(key);
    }

    private static ObjectNode indicator(ObjectNode project, int i) {
        return (ObjectNode) project.get("indicators").get(i);
    }
}
