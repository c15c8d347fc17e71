package io.jixiao.indicator.indicatorset;

import io.jixiao.contracts.indicator.Actual;
import io.jixiao.contracts.indicator.AnnualGoalAchievementReported;
import io.jixiao.contracts.indicator.AnnualGoalSet;
import io.jixiao.contracts.indicator.EvaluationFinalised;
import io.jixiao.contracts.indicator.IndicatorActualRecorded;
import io.jixiao.contracts.indicator.IndicatorBoundToExecutionRate;
import io.jixiao.contracts.indicator.IndicatorDefined;
import io.jixiao.contracts.indicator.IndicatorScored;
import io.jixiao.contracts.indicator.IndicatorTargetChanged;
import io.jixiao.contracts.indicator.ScoreKind;
import io.jixiao.contracts.indicator.Target;
import io.jixiao.platform.domain.DomainException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static io.jixiao.platform.domain.DomainCode.code;
import static org.hamcrest.Matchers.containsString;

/** Given/when/then for every command rule of a project-year's goal and indicators, accepting and rejecting. */
class IndicatorSetTest {

    private static final String ID = "2023-KPCG";
    private static final LocalDate DATE = LocalDate.of(2023, 12, 31);
    /** 当年预算完成率 ≥90(%), weight 5, as in 科普场馆运行保障经费. */
    private static final IndicatorDefined RATE = new IndicatorDefined(ID, "i1", "产出指标", "数量指标", "当年预算完成率",
            Target.parse("≥90(%)"), new BigDecimal("5.00"));
    /** 合格率 全部, weight 75: qualitative. */
    private static final IndicatorDefined QUALITY = new IndicatorDefined(ID, "i2", "产出指标", "质量指标", "合格率",
            Target.parse("全部"), new BigDecimal("75.00"));
    /** 完成时间 90: a bare number. */
    private static final IndicatorDefined BARE = new IndicatorDefined(ID, "i3", "产出指标", "时效指标", "完成及时率",
            Target.parse("90"), new BigDecimal("10.00"));
    private static final IndicatorActualRecorded RATE_ACTUAL = new IndicatorActualRecorded(ID, "i1", Actual.parse("42.68(%)"), DATE);
    private static final IndicatorActualRecorded QUALITY_ACHIEVED = new IndicatorActualRecorded(ID, "i2", Actual.parse("达成指标"), DATE);

    /** shanghai-2023's terms: funds weight 10; 达成 [80%, 100%], 部分达成 [60%, 80%), 未达成 [0, 60%). */
    static final EvaluationTerms SHANGHAI = terms("shanghai-2023", "10.00", "0.60", "0.80");

    static EvaluationTerms terms(String ruleSet, String fundsWeight, String partialLow, String partialHigh) {
        return new EvaluationTerms(ruleSet, new BigDecimal(fundsWeight), java.util.Map.of(
                io.jixiao.contracts.indicator.Achievement.ACHIEVED, new EvaluationTerms.Band(new BigDecimal(partialHigh), BigDecimal.ONE),
                io.jixiao.contracts.indicator.Achievement.PARTIALLY_ACHIEVED,
                new EvaluationTerms.Band(new BigDecimal(partialLow), new BigDecimal(partialHigh)),
                io.jixiao.contracts.indicator.Achievement.NOT_ACHIEVED, new EvaluationTerms.Band(BigDecimal.ZERO, new BigDecimal(partialLow))));
    }

    private FixtureConfiguration<IndicatorSet> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(IndicatorSet.class);
    }

    private static DefineIndicator define(String indicatorId, String target, String weight) {
        return new DefineIndicator(ID, indicatorId, "效益指标", "社会效益指标", "提升公众服务能力", Target.parse(target), new BigDecimal(weight));
    }

    private static ScoreIndicator score(String indicatorId, String score, String deviation) {
        return new ScoreIndicator(ID, indicatorId, ScoreKind.SELF_ASSESSED, new BigDecimal(score), deviation, false, DATE, SHANGHAI);
    }

    @Nested
    class Definitions {

        @Test
        void theFirstIndicatorCreatesTheSet() {
            fixture.givenNoPriorActivity()
                    .when(new DefineIndicator(ID, "i1", "产出指标", "数量指标", "当年预算完成率", Target.parse("≥90(%)"), new BigDecimal("5.00")))
                    .expectEvents(RATE);
        }

        @Test
        void definesFurtherIndicatorsUpToATotalWeightOf100() {
            fixture.given(RATE)
                    .when(define("i2", "全面保障", "95.00"))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void rejectsWeightsBeyond100() {
            fixture.given(RATE)
                    .when(define("i2", "全面保障", "95.01"))
                    .expectNoEvents()
                    .expectException(DomainException.RuleViolation.class)
                    .expectException(code("weights-exceed-total"))
                    .expectExceptionMessage(containsString("100.01"));
        }

        @Test
        void allowsAZeroWeightIndicator() {
            fixture.given(RATE).when(define("i2", "畅通", "0.00")).expectSuccessfulHandlerExecution();
        }

        @Test
        void rejectsAnIndicatorIdDefinedTwice() {
            fixture.given(RATE).when(define("i1", "全面保障", "1.00")).expectNoEvents().expectException(DomainException.Conflict.class)
                    .expectException(code("indicator-already-defined"));
        }
    }

    @Nested
    class Targets {

        @Test
        void aChangedTargetIsANewVersionWithItsReason() {
            fixture.given(RATE)
                    .when(new ChangeTarget(ID, "i1", Target.parse("≥85(%)"), "年中调整", LocalDate.of(2023, 7, 1)))
                    .expectEvents(new IndicatorTargetChanged(ID, "i1", 2, Target.parse("≥85(%)"), "年中调整", LocalDate.of(2023, 7, 1)));
        }

        @Test
        void versionsCountOn() {
            fixture.given(RATE, new IndicatorTargetChanged(ID, "i1", 2, Target.parse("≥85(%)"), "r", DATE))
                    .when(new ChangeTarget(ID, "i1", Target.parse("≥80(%)"), "再调整", DATE))
                    .expectEvents(new IndicatorTargetChanged(ID, "i1", 3, Target.parse("≥80(%)"), "再调整", DATE));
        }

        @Test
        void theSameTargetAgainChangesNothing() {
            fixture.given(RATE).when(new ChangeTarget(ID, "i1", Target.parse("≥90(%)"), "r", DATE))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void rejectsATargetTheRecordedActualNoLongerFits() {
            fixture.given(RATE, RATE_ACTUAL)
                    .when(new ChangeTarget(ID, "i1", Target.parse("≥1000(人次)"), "r", DATE))
                    .expectNoEvents()
                    .expectException(DomainException.RuleViolation.class)
                    .expectException(code("unit-mismatch"));
        }

        @Test
        void rejectsChangesToAnUnknownIndicator() {
            fixture.given(RATE).when(new ChangeTarget(ID, "i9", Target.parse("≥85(%)"), "r", DATE))
                    .expectNoEvents().expectException(DomainException.NotFound.class)
                    .expectException(code("unknown-indicator"));
        }
    }

    @Nested
    class Actuals {

        @Test
        void recordsANumberInTheTargetsUnit() {
            fixture.given(RATE).when(new RecordActual(ID, "i1", Actual.parse("42.68(%)"), DATE)).expectEvents(RATE_ACTUAL);
        }

        @Test
        void rejectsAnotherUnit() {
            fixture.given(RATE).when(new RecordActual(ID, "i1", Actual.parse("42.68(人次)"), DATE))
                    .expectNoEvents().expectException(DomainException.RuleViolation.class)
                    .expectException(code("unit-mismatch"))
                    .expectExceptionMessage(containsString("人次"));
        }

        @Test
        void rejectsAnAchievementForANumericTarget() {
            fixture.given(RATE).when(new RecordActual(ID, "i1", Actual.parse("达成指标"), DATE))
                    .expectNoEvents().expectException(DomainException.RuleViolation.class)
                    .expectException(code("actual-shape-mismatch"));
        }

        @Test
        void recordsAnAchievementForAQualitativeTarget() {
            fixture.given(QUALITY).when(new RecordActual(ID, "i2", Actual.parse("达成指标"), DATE)).expectEvents(QUALITY_ACHIEVED);
        }

        @Test
        void rejectsANumberForAQualitativeTarget() {
            fixture.given(QUALITY).when(new RecordActual(ID, "i2", Actual.parse("95(%)"), DATE))
                    .expectNoEvents().expectException(DomainException.RuleViolation.class)
                    .expectException(code("actual-shape-mismatch"));
        }

        @Test
        void aBareNumberTargetTakesAnAchievement() {
            fixture.given(BARE).when(new RecordActual(ID, "i3", Actual.parse("达成指标"), DATE))
                    .expectEvents(new IndicatorActualRecorded(ID, "i3", Actual.parse("达成指标"), DATE));
        }

        @Test
        void theSameActualAgainChangesNothing() {
            fixture.given(RATE, RATE_ACTUAL).when(new RecordActual(ID, "i1", Actual.parse("42.68(%)"), DATE))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void rejectsAnActualForAnUnknownIndicator() {
            fixture.given(RATE).when(new RecordActual(ID, "i9", Actual.parse("达成指标"), DATE))
                    .expectNoEvents().expectException(DomainException.NotFound.class)
                    .expectException(code("unknown-indicator"));
        }

        @Test
        void bindsAPercentIndicatorToTheExecutionRateAndThenRefusesEnteredActuals() {
            fixture.given(RATE).when(new BindToExecutionRate(ID, "i1", DATE))
                    .expectEvents(new IndicatorBoundToExecutionRate(ID, "i1", DATE));
            fixture.given(RATE, new IndicatorBoundToExecutionRate(ID, "i1", DATE))
                    .when(new RecordActual(ID, "i1", Actual.parse("50(%)"), DATE))
                    .expectNoEvents().expectException(DomainException.RuleViolation.class)
                    .expectException(code("actual-follows-execution-rate"));
        }

        @Test
        void onlyPercentTargetsCanFollowTheExecutionRate() {
            fixture.given(QUALITY).when(new BindToExecutionRate(ID, "i2", DATE))
                    .expectNoEvents().expectException(DomainException.RuleViolation.class)
                    .expectException(code("binding-needs-percent-target"));
        }
    }

    @Nested
    class Scores {

        @Test
        void takesAFullScoreWithoutExplanation() {
            fixture.given(QUALITY, QUALITY_ACHIEVED).when(score("i2", "75", ""))
                    .expectEvents(new IndicatorScored(ID, "i2", ScoreKind.SELF_ASSESSED, new BigDecimal("75.00"), "", false, DATE));
        }

        @Test
        void aScoreBelowTheWeightNeedsAnExplanation() {
            fixture.given(RATE, RATE_ACTUAL).when(score("i1", "4.00", " "))
                    .expectNoEvents().expectException(DomainException.RuleViolation.class)
                    .expectException(code("explanation-required"))
                    .expectExceptionMessage(containsString("偏差原因分析及改进措施"));
            fixture.given(RATE, RATE_ACTUAL).when(score("i1", "4.00", "工程施工难度大"))
                    .expectEvents(new IndicatorScored(ID, "i1", ScoreKind.SELF_ASSESSED, new BigDecimal("4.00"), "工程施工难度大", false, DATE));
        }

        @Test
        void importedHistoryMayLackTheExplanation() {
            fixture.given(QUALITY, QUALITY_ACHIEVED)
                    .when(new ScoreIndicator(ID, "i2", ScoreKind.SELF_ASSESSED, new BigDecimal("70.00"), "", true, DATE, SHANGHAI))
                    .expectEvents(new IndicatorScored(ID, "i2", ScoreKind.SELF_ASSESSED, new BigDecimal("70.00"), "", true, DATE));
        }

        @Test
        void rejectsScoresOutsideZeroToTheWeight() {
            fixture.given(RATE, RATE_ACTUAL).when(score("i1", "5.01", "x"))
                    .expectNoEvents().expectException(DomainException.RuleViolation.class)
                    .expectException(code("score-out-of-range"));
        }

        @Test
        void aQualitativeScoreMustFallInItsBand() {
            // 达成 [80%, 100%] of 75 = [60, 75]
            fixture.given(QUALITY, QUALITY_ACHIEVED).when(score("i2", "59.99", "x"))
                    .expectNoEvents().expectException(DomainException.RuleViolation.class)
                    .expectException(code("score-outside-band"))
                    .expectExceptionMessage(containsString("[60, 75]"));
            fixture.given(QUALITY, QUALITY_ACHIEVED).when(score("i2", "60", "x")).expectSuccessfulHandlerExecution();
        }

        @Test
        void partlyAchievedScoresLieInSixtyToEightyPercent() {
            IndicatorActualRecorded partly = new IndicatorActualRecorded(ID, "i2", Actual.parse("部分达成指标"), DATE);
            fixture.given(QUALITY, partly).when(score("i2", "60.00", "x")).expectNoEvents()
                    .expectException(DomainException.RuleViolation.class)
                    .expectException(code("score-outside-band"));
            fixture.given(QUALITY, partly).when(score("i2", "44.99", "x")).expectNoEvents()
                    .expectException(DomainException.RuleViolation.class)
                    .expectException(code("score-outside-band"));
            fixture.given(QUALITY, partly).when(score("i2", "45.00", "x")).expectSuccessfulHandlerExecution();
        }

        @Test
        void notAchievedScoresLieBelowSixtyPercent() {
            IndicatorActualRecorded not = new IndicatorActualRecorded(ID, "i2", Actual.parse("未达成指标"), DATE);
            fixture.given(QUALITY, not).when(score("i2", "45.00", "x")).expectNoEvents()
                    .expectException(DomainException.RuleViolation.class)
                    .expectException(code("score-outside-band"));
            fixture.given(QUALITY, not).when(score("i2", "0", "x")).expectSuccessfulHandlerExecution();
        }

        /** 100-80/80-50 bands (some jurisdictions): 55 of 100 is 部分达成 there, 未达成 under shanghai-2023. */
        @Test
        void theBandsAreTheRuleSets() {
            IndicatorActualRecorded partly = new IndicatorActualRecorded(ID, "i2", Actual.parse("部分达成指标"), DATE);
            EvaluationTerms fifty = terms("bands-50", "10.00", "0.50", "0.80");
            fixture.given(QUALITY, partly)
                    .when(new ScoreIndicator(ID, "i2", ScoreKind.SELF_ASSESSED, new BigDecimal("37.50"), "x", false, DATE, fifty))
                    .expectSuccessfulHandlerExecution();
            fixture.given(QUALITY, partly)
                    .when(new ScoreIndicator(ID, "i2", ScoreKind.SELF_ASSESSED, new BigDecimal("37.50"), "x", false, DATE, SHANGHAI))
                    .expectNoEvents().expectException(DomainException.RuleViolation.class)
                    .expectException(code("score-outside-band"))
                    .expectExceptionMessage(containsString("[45, 60)"));
        }

        @Test
        void noScoreBeforeAnActual() {
            fixture.given(RATE).when(score("i1", "5", ""))
                    .expectNoEvents().expectException(DomainException.RuleViolation.class)
                    .expectException(code("actual-missing"))
                    .expectExceptionMessage(containsString("未填报"));
        }

        @Test
        void anIndicatorFollowingTheExecutionRateCanBeScored() {
            fixture.given(RATE, new IndicatorBoundToExecutionRate(ID, "i1", DATE)).when(score("i1", "5", ""))
                    .expectSuccessfulHandlerExecution();
        }
    }

    @Nested
    class Goals {

        @Test
        void setsTheExpectedGoalAndReportsItsAchievement() {
            fixture.givenNoPriorActivity().when(new SetAnnualGoal(ID, "<p>1 个数字底座</p>"))
                    .expectEvents(new AnnualGoalSet(ID, "<p>1 个数字底座</p>"));
            fixture.given(new AnnualGoalSet(ID, "g")).when(new ReportGoalAchievement(ID, "建成"))
                    .expectEvents(new AnnualGoalAchievementReported(ID, "建成"));
        }

        @Test
        void theAchievementMayComeBeforeTheGoal() {
            fixture.givenNoPriorActivity().when(new ReportGoalAchievement(ID, "建成"))
                    .expectEvents(new AnnualGoalAchievementReported(ID, "建成"));
        }

        @Test
        void aCommandOnAnIndicatorOfAnEmptySetNamesTheIndicator() {
            fixture.givenNoPriorActivity().when(new RecordActual(ID, "i9", Actual.parse("达成指标"), DATE))
                    .expectNoEvents().expectException(DomainException.NotFound.class)
                    .expectException(code("unknown-indicator"))
                    .expectExceptionMessage(containsString("i9"));
        }

        @Test
        void theSameGoalAgainChangesNothing() {
            fixture.given(new AnnualGoalSet(ID, "g")).when(new SetAnnualGoal(ID, "g")).expectNoEvents();
        }
    }

    @Nested
    class Finalisation {

        private final IndicatorDefined rest = new IndicatorDefined(ID, "i4", "效益指标", "社会效益指标", "保障", Target.parse("全面保障"),
                new BigDecimal("10.00"));
        private final IndicatorActualRecorded restAchieved = new IndicatorActualRecorded(ID, "i4", Actual.parse("达成指标"), DATE);

        @Test
        void finalisesWhenWeightsMake100AndEveryIndicatorHasAnActualWarningOnTheSplit() {
            fixture.given(RATE, RATE_ACTUAL, QUALITY, QUALITY_ACHIEVED, rest, restAchieved)
                    .when(new FinaliseEvaluation(ID, new BigDecimal("10.00"), DATE))
                    .expectEvents(new EvaluationFinalised(ID, new BigDecimal("10.00"),
                            List.of("level-1 split 产出 80.00 / 效益 10.00 / 满意度 0.00 / 资金 10.00 differs from 50/30/10/10"), DATE));
        }

        @Test
        void blocksWhenWeightsDoNotMake100() {
            fixture.given(RATE, RATE_ACTUAL, QUALITY, QUALITY_ACHIEVED)
                    .when(new FinaliseEvaluation(ID, new BigDecimal("10.00"), DATE))
                    .expectNoEvents().expectException(DomainException.RuleViolation.class)
                    .expectException(code("evaluation-checks-failed"))
                    .expectExceptionMessage(containsString("make 90.00, not 100.00"));
        }

        @Test
        void blocksWhileAnActualIsMissing() {
            fixture.given(RATE, QUALITY, QUALITY_ACHIEVED, rest, restAchieved)
                    .when(new FinaliseEvaluation(ID, new BigDecimal("10.00"), DATE))
                    .expectNoEvents().expectException(DomainException.RuleViolation.class)
                    .expectException(code("evaluation-checks-failed"))
                    .expectExceptionMessage(containsString("未填报"));
        }

        @Test
        void afterFinalisationOnlyReviewedScoresAreTaken() {
            EvaluationFinalised finalised = new EvaluationFinalised(ID, new BigDecimal("10.00"), List.of(), DATE);
            fixture.given(RATE, RATE_ACTUAL, finalised).when(score("i1", "4", "x"))
                    .expectNoEvents().expectException(DomainException.RuleViolation.class)
                    .expectException(code("evaluation-finalised"));
            fixture.given(RATE, RATE_ACTUAL, finalised).when(new RecordActual(ID, "i1", Actual.parse("50(%)"), DATE))
                    .expectNoEvents().expectException(DomainException.RuleViolation.class)
                    .expectException(code("evaluation-finalised"));
            fixture.given(RATE, RATE_ACTUAL, finalised)
                    .when(new ScoreIndicator(ID, "i1", ScoreKind.REVIEWED, new BigDecimal("2.37"), "按公式复核", false, DATE, SHANGHAI))
                    .expectEvents(new IndicatorScored(ID, "i1", ScoreKind.REVIEWED, new BigDecimal("2.37"), "按公式复核", false, DATE));
        }
    }
}
