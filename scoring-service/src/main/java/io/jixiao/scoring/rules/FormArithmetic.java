package io.jixiao.scoring.rules;

import io.jixiao.contracts.indicator.Achievement;
import io.jixiao.contracts.indicator.Operator;
import io.jixiao.contracts.indicator.Target;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The form's arithmetic under a rule set, in exact decimals: every figure is cut or rounded once, to the rule
 * set's precision with its rounding for that figure (财预〔2020〕10号 as implemented by provincial systems; see
 * docs/domain.md §2-3), and carried at scale 2 so that every figure prints with 2 decimals. Every place that shows
 * a rate, score, total or grade calls these, with the project-year's rule set: one rule for each figure.
 */
public final class FormArithmetic {

    private static final int SCALE = 2;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);
    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);

    private FormArithmetic() {
    }

    /**
     * 执行率 = 全年执行数 ÷ 全年预算数 × 100 (or ÷ 年初预算数 under a rule set whose base is INITIAL); a zero base gives
     * 0.00; above the budget the true rate shows. Multiplied first, so the only inexact step is the one division.
     */
    public static BigDecimal rate(BigDecimal executed, BigDecimal fullYear, BigDecimal initial, RuleSet rules) {
        BigDecimal base = rules.rateBase() == RuleSet.RateBase.INITIAL ? initial : fullYear;
        if (base.signum() == 0) {
            return ZERO;
        }
        return executed.multiply(HUNDRED).divide(base, rules.ratePrecision(), rules.rateRounding()).setScale(SCALE);
    }

    /** The funds row's 得分 = weight × min(rate, 100) ÷ 100, from the displayed rate. */
    public static BigDecimal fundsScore(BigDecimal rate, RuleSet rules) {
        BigDecimal capped = rate.min(HUNDRED).max(BigDecimal.ZERO);
        return score(rules.fundsWeight().multiply(capped), HUNDRED, rules);
    }

    /** A computed score: {@code numerator ÷ denominator} cut or rounded once to the rule set's score precision. */
    private static BigDecimal score(BigDecimal numerator, BigDecimal denominator, RuleSet rules) {
        return numerator.divide(denominator, rules.scorePrecision(), rules.scoreRounding()).setScale(SCALE);
    }

    /** How the rule set cuts a figure, in words: "cut to 2 decimals", "rounded HALF_UP to whole numbers". */
    public static String rounding(RoundingMode mode, int precision) {
        String to = precision == 0 ? "whole numbers" : precision + (precision == 1 ? " decimal" : " decimals");
        return (mode == RoundingMode.DOWN ? "cut" : "rounded " + mode) + " to " + to;
    }

    /** 元 shown in 万元 with 2 decimals. */
    public static BigDecimal wanYuan(BigDecimal yuan) {
        return yuan.divide(TEN_THOUSAND, SCALE, RoundingMode.HALF_UP);
    }

    /**
     * The score the rules give a quantitative indicator: full weight when the target is met (≥ >: actual at or
     * above it; ≤ <: at or below it; = 0: at most 0), else proportional (positive: weight × actual ÷ target;
     * reverse: the rule set's formula). A zero positive target gives full weight.
     */
    public static BigDecimal quantitativeScore(Target target, BigDecimal actual, BigDecimal weight, RuleSet rules) {
        BigDecimal goal = target.value();
        Operator operator = target.operator() == null ? Operator.GE : target.operator();
        BigDecimal full = weight.setScale(SCALE);
        switch (operator) {
            case GE, GT -> {
                if (goal.signum() <= 0 || actual.compareTo(goal) >= 0) {
                    return full;
                }
                return actual.signum() <= 0 ? ZERO : score(weight.multiply(actual), goal, rules);
            }
            case LE, LT -> {
                if (actual.compareTo(goal) <= 0) {
                    return full;
                }
                if (goal.signum() <= 0) {
                    return ZERO;
                }
                return switch (rules.reverseFormula()) {
                    case RATIO -> score(weight.multiply(goal), actual, rules);
                    case LINEAR_DECAY -> score(weight.multiply(goal.multiply(BigDecimal.valueOf(2)).subtract(actual)
                            .max(BigDecimal.ZERO)), goal, rules);
                };
            }
            case EQ -> {
                if (goal.signum() == 0) {
                    return actual.signum() <= 0 ? full : ZERO;
                }
                if (actual.compareTo(goal) == 0) {
                    return full;
                }
                BigDecimal low = actual.min(goal).max(BigDecimal.ZERO);
                return score(weight.multiply(low), actual.max(goal), rules);
            }
            default -> throw new IllegalStateException("operator " + operator);
        }
    }

    /**
     * The score the rules give a qualitative achievement: its band's default share of the weight (only 达成 has one,
     * full weight), or null when the band needs an entered score.
     */
    public static BigDecimal qualitativeScore(Achievement achievement, BigDecimal weight, RuleSet rules) {
        RuleSet.Band band = rules.qualitativeBands().get(achievement);
        if (band == null || band.defaultShare() == null) {
            return null;
        }
        return score(weight.multiply(band.defaultShare()), BigDecimal.ONE, rules);
    }

    /** Whether a score lies in its achievement's band: [low, high] for a band reaching 100%, [low, high) otherwise. */
    public static boolean inBand(Achievement achievement, BigDecimal score, BigDecimal weight, RuleSet rules) {
        RuleSet.Band band = rules.qualitativeBands().get(achievement);
        BigDecimal low = weight.multiply(band.low());
        BigDecimal high = weight.multiply(band.high());
        boolean top = band.high().compareTo(BigDecimal.ONE) >= 0;
        return score.compareTo(low) >= 0 && (top ? score.compareTo(high) <= 0 : score.compareTo(high) < 0);
    }

    /** Over-achievement: a positive target beaten by the rule set's factor or more (e.g. 1.2 ×). */
    public static boolean overAchieved(Target target, BigDecimal actual, RuleSet rules) {
        Operator operator = target.operator() == null ? Operator.GE : target.operator();
        return (operator == Operator.GE || operator == Operator.GT) && target.value().signum() > 0
                && actual.compareTo(target.value().multiply(rules.overAchievementFactor())) >= 0;
    }

    /** 评分等级 from the displayed total; each grade applies from its minimum up (90.00 is 优, 89.99 良). */
    public static String grade(BigDecimal total, RuleSet rules) {
        return rules.grades().stream()
                .filter(grade -> total.compareTo(grade.minimum()) >= 0)
                .max(java.util.Comparator.comparing(RuleSet.Grade::minimum))
                .map(RuleSet.Grade::grade)
                .orElseThrow(() -> new IllegalStateException("rule set " + rules.id() + " grades no total of " + total));
    }
}
