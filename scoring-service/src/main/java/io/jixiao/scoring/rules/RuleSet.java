package io.jixiao.scoring.rules;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jixiao.contracts.indicator.Achievement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a jurisdiction evaluates a form: data, not code, and the only source of the form's rule parameters.
 * Published forms differ in each of these, so each is named:
 *
 * @param rounding              the default rounding of every computed figure (DOWN truncates, as 上海 2023 prints)
 * @param rateRounding          the rounding of 执行率 (defaults to {@code rounding})
 * @param ratePrecision         decimals of 执行率: 2, or 0 for forms printing whole percent (default 2)
 * @param scoreRounding         the rounding of computed scores (defaults to {@code rounding})
 * @param scorePrecision        decimals of computed scores: 2, 1, or 0 for whole points (default 2)
 * @param rateBase              the denominator of 执行率: FULL_YEAR (全年预算数) or INITIAL (年初预算数, older templates)
 * @param fundsWeight           the funds row's 分值 (10 or 20; the indicators then weigh the rest of 100)
 * @param grades                each grade applies from its minimum up (inclusive)
 * @param qualitativeBands      the share of the weight each qualitative achievement may score
 * @param reverseFormula        for ≤/< targets missed: RATIO (target ÷ actual × weight) or LINEAR_DECAY (to 0 at twice the target)
 * @param overAchievementFactor actual ≥ factor × target is flagged and needs an explanation
 * @param progress              序时进度: the time-elapsed benchmark and the tolerances of green, yellow and red
 */
public record RuleSet(String id, String description, RoundingMode rounding, RoundingMode rateRounding,
                      Integer ratePrecision, RoundingMode scoreRounding, Integer scorePrecision, RateBase rateBase,
                      @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal fundsWeight, List<Grade> grades,
                      Map<Achievement, Band> qualitativeBands, ReverseFormula reverseFormula,
                      @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal overAchievementFactor, Progress progress) {

    public enum ReverseFormula { RATIO, LINEAR_DECAY }

    /** What 执行率 divides by. */
    public enum RateBase { FULL_YEAR, INITIAL }

    /** A grade and the lowest total that earns it. */
    public record Grade(String grade, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal minimum) {
    }

    /**
     * A qualitative band as shares of the weight: [low, high], high exclusive except for a band reaching 1.00.
     * {@code defaultShare}, when set, is the computed score's share (only 达成 has one: full weight).
     */
    public record Band(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal low,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal high,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) @JsonProperty("default") BigDecimal defaultShare) {
    }

    /**
     * How execution is watched during the year (双监控). The benchmark runs linearly by day of the fiscal year, or
     * through the checkpoints when there are any ({@code "03-31"} → 25, say); a project-year more than
     * {@code yellowFrom} points behind it is yellow, more than {@code redFrom} red (lagging). Goal monitoring flags
     * indicators without actuals from the first checkpoint on ({@code goalCheckpoints}, by default the quarter ends).
     */
    public record Progress(List<TimeElapsed.Checkpoint> checkpoints,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal yellowFrom,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal redFrom,
                           @JsonFormat(pattern = "MM-dd") List<java.time.MonthDay> goalCheckpoints) {

        private static final BigDecimal DEFAULT_YELLOW = new BigDecimal("5");
        private static final BigDecimal DEFAULT_RED = new BigDecimal("15");
        private static final BigDecimal HUNDRED = new BigDecimal("100");
        public static final List<java.time.MonthDay> QUARTER_ENDS = List.of(java.time.MonthDay.of(3, 31),
                java.time.MonthDay.of(6, 30), java.time.MonthDay.of(9, 30), java.time.MonthDay.of(12, 31));
        /** Linear by day; 5 points behind turn yellow, 15 red; goals checked at each quarter's end. */
        public static final Progress DEFAULT = new Progress(List.of(), DEFAULT_YELLOW, DEFAULT_RED, QUARTER_ENDS);

        public Progress {
            checkpoints = checkpoints == null ? List.of() : new TimeElapsed(checkpoints).checkpoints();
            yellowFrom = yellowFrom != null ? yellowFrom : DEFAULT_YELLOW;
            redFrom = redFrom != null ? redFrom : DEFAULT_RED;
            if (yellowFrom.signum() < 0 || redFrom.compareTo(yellowFrom) < 0 || redFrom.compareTo(HUNDRED) > 0) {
                throw new IllegalArgumentException("tolerances need 0 <= yellowFrom <= redFrom <= 100, not "
                        + yellowFrom.toPlainString() + " and " + redFrom.toPlainString());
            }
            goalCheckpoints = goalCheckpoints == null ? QUARTER_ENDS : goalCheckpoints.stream().sorted().distinct().toList();
        }

        /** The benchmark these checkpoints make. */
        public TimeElapsed timeElapsed() {
            return new TimeElapsed(checkpoints);
        }

    }

    public RuleSet {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(rounding, "rounding");
        rateRounding = rateRounding != null ? rateRounding : rounding;
        scoreRounding = scoreRounding != null ? scoreRounding : rounding;
        ratePrecision = ratePrecision != null ? ratePrecision : 2;
        scorePrecision = scorePrecision != null ? scorePrecision : 2;
        rateBase = rateBase != null ? rateBase : RateBase.FULL_YEAR;
        Objects.requireNonNull(fundsWeight, "fundsWeight");
        grades = List.copyOf(grades);
        qualitativeBands = Map.copyOf(qualitativeBands);
        Objects.requireNonNull(reverseFormula, "reverseFormula");
        Objects.requireNonNull(overAchievementFactor, "overAchievementFactor");
        progress = progress != null ? progress : Progress.DEFAULT;
    }

    /** The weight the indicators share: 100 less the funds row's. */
    public BigDecimal indicatorWeight() {
        return BigDecimal.valueOf(100).setScale(2).subtract(fundsWeight);
    }
}
