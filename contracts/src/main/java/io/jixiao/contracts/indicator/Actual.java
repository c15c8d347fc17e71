package io.jixiao.contracts.indicator;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A 实际完成值 (actual value of a performance indicator), parsed. Exactly one of:
 * <ul>
 *     <li>quantitative: {@code value != null}, a plain decimal with an optional {@code unit}, never an operator:
 *     {@code 42.68(%)}, {@code 0.00(人次/年)}, {@code 98 %}, {@code 735人次} (flagged
 *     {@link Interpretation#UNIT_WITHOUT_PARENTHESES}), {@code 100}; the unit is read as in {@link Target};</li>
 *     <li>qualitative: {@code achievement != null}: {@code 达成指标}/{@code 达成}, {@code 部分达成指标}/{@code 部分达成},
 *     {@code 未达成指标}/{@code 未达成}.</li>
 * </ul>
 * Read against its target ({@link #parse(String, Target)}), an actual may also be
 * <ul>
 *     <li>a bare number ({@code 735}) against a quantitative target with a unit ({@code ≧ 735 人次}): it takes the
 *     target's unit, flagged {@link Interpretation#UNIT_FROM_TARGET};</li>
 *     <li>a short restatement of a qualitative or bare-number target ({@code 及时} for {@code 及时}, {@code 有效}
 *     for {@code 有效保障}, {@code 完成}): read as {@link Achievement#ACHIEVED}, flagged
 *     {@link Interpretation#RESTATES_TARGET}; see {@link #RESTATING_WORDS}.</li>
 * </ul>
 * {@code original} is the text as given, only stripped of outer whitespace. {@code interpretations} lists, in reading
 * order, the {@link Interpretation}s the parser made. Serialised by Jackson as a plain object of the five components,
 * {@code value} as a string keeping its scale ({@code "0.00"}), {@code interpretations} as an array; JSON without
 * {@code interpretations} reads as none.
 *
 * @param original        the text as given, stripped of outer whitespace
 * @param value           the decimal as written (scale kept), null for a qualitative actual
 * @param unit            the unit however written (see {@link Target#unit()}), or the target's for a bare number
 *                        read against it; null when there is none
 * @param achievement     the qualitative achievement, null for a quantitative actual
 * @param interpretations the {@link Interpretation}s made in reading {@code original}, never null
 */
public record Actual(String original, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal value, String unit,
                     Achievement achievement, List<String> interpretations) {

    /**
     * Words that, as the whole actual of a qualitative or bare-number target, say the target was met: the forms of
     * other jurisdictions answer {@code 是否按时完成} with {@code 是}, {@code 及时} with {@code 及时}. Besides these,
     * the target's own text and any part of it up to {@value #MAX_RESTATEMENT_LENGTH} characters restate it.
     */
    public static final Set<String> RESTATING_WORDS = Set.of("是", "完成", "已完成", "全部完成", "及时", "有效", "畅通",
            "达到", "已达到", "达标", "满足", "符合", "合格", "良好", "正常", "安全", "无", "全部", "全面保障");
    /** Longest part of a qualitative target's text read as restating it, in characters (code points). */
    public static final int MAX_RESTATEMENT_LENGTH = 10;
    /**
     * Characters that deny rather than restate ({@code 否} is part of {@code 是否按时完成}, {@code 未} of
     * {@code 未发生事故}): a part of the target containing one is not read as achieved.
     */
    private static final String NEGATIONS = "否未不没非";

    private static final String NAME = "实际完成值 (actual)";

    private static final Map<String, Achievement> ACHIEVEMENTS = Map.of(
            "达成指标", Achievement.ACHIEVED, "达成", Achievement.ACHIEVED,
            "部分达成指标", Achievement.PARTIALLY_ACHIEVED, "部分达成", Achievement.PARTIALLY_ACHIEVED,
            "未达成指标", Achievement.NOT_ACHIEVED, "未达成", Achievement.NOT_ACHIEVED);

    /** Other wordings of an achievement that published forms print (池州: 达成预期指标); read as it, flagged. */
    private static final Map<String, Achievement> ACHIEVEMENT_WORDINGS = Map.of(
            "达成预期指标", Achievement.ACHIEVED, "达成预期目标", Achievement.ACHIEVED,
            "达到预期指标", Achievement.ACHIEVED, "达到预期目标", Achievement.ACHIEVED,
            "部分达成预期指标", Achievement.PARTIALLY_ACHIEVED, "部分达成预期目标", Achievement.PARTIALLY_ACHIEVED,
            "未达成预期指标", Achievement.NOT_ACHIEVED, "未达成预期目标", Achievement.NOT_ACHIEVED);

    private static final String ACCEPTED_FORMS = "an actual is either " + Target.NUMBER_SYNTAX
            + " and no operator, e.g. 42.68(%), 0.00(人次/年), 735人次, 100; or one of 达成指标 (or 达成), 部分达成指标 "
            + "(or 部分达成), 未达成指标 (or 未达成)";

    public Actual {
        if (original == null) {
            throw new IndicatorValueException(IndicatorValueException.ACTUAL, NAME + " is missing its original text");
        }
        if ((value == null) == (achievement == null)) {
            throw new IndicatorValueException(IndicatorValueException.ACTUAL,
                    NAME + " must have exactly one of a value or an achievement: " + Target.quote(original));
        }
        if (value == null && unit != null) {
            throw new IndicatorValueException(IndicatorValueException.ACTUAL,
                    "a qualitative " + NAME + " has no unit: " + Target.quote(original));
        }
        interpretations = interpretations == null ? List.of() : List.copyOf(interpretations);
    }

    /** An actual without interpretations, as before they were recorded. */
    public Actual(String original, BigDecimal value, String unit, Achievement achievement) {
        this(original, value, unit, achievement, List.of());
    }

    /**
     * Parses a 实际完成值 as written on the form, on its own: {@code parse(text, null)}.
     *
     * @throws IndicatorValueException see {@link #parse(String, Target)}
     */
    public static Actual parse(String text) {
        return parse(text, null);
    }

    /**
     * Parses a 实际完成值 as written on the form, read against the indicator's target (see the class comment).
     *
     * @param target the indicator's 年度指标值, or null to read the actual on its own
     * @throws IndicatorValueException (field {@code actual}) for null, blank, over-long text, control characters
     *                                 other than newline and tab, and anything that is neither a number with an
     *                                 optional unit, nor an achievement, nor a restatement of a qualitative or
     *                                 bare-number target; the message lists the accepted forms
     */
    public static Actual parse(String text, Target target) {
        String original = Target.checkedText(IndicatorValueException.ACTUAL, NAME, text);
        Achievement achievement = ACHIEVEMENTS.get(original);
        if (achievement != null) {
            return new Actual(original, null, null, achievement);
        }
        Achievement worded = ACHIEVEMENT_WORDINGS.get(original);
        if (worded != null) {
            return new Actual(original, null, null, worded, List.of(Interpretation.ACHIEVEMENT_WORDING));
        }
        if (Target.operatorAt(original) != null) {
            throw new IndicatorValueException(IndicatorValueException.ACTUAL, NAME + " " + Target.quote(original)
                    + " has an operator; only a 年度指标值 (target) has one: " + ACCEPTED_FORMS);
        }
        Target.Quantity quantity;
        try {
            quantity = Target.quantity(IndicatorValueException.ACTUAL, NAME, original, original);
        } catch (IndicatorValueException e) {
            throw new IndicatorValueException(IndicatorValueException.ACTUAL, e.getMessage() + "; " + ACCEPTED_FORMS);
        }
        if (quantity != null) {
            if (quantity.unit() == null && target != null && target.unit() != null) {
                return new Actual(original, quantity.value(), target.unit(), null,
                        List.of(Interpretation.UNIT_FROM_TARGET));
            }
            return new Actual(original, quantity.value(), quantity.unit(), null, quantity.interpretations());
        }
        if (restates(original, target)) {
            return new Actual(original, null, null, Achievement.ACHIEVED, List.of(Interpretation.RESTATES_TARGET));
        }
        String restating = restatable(target) ? "; against the target " + Target.quote(target.original())
                + " also its own text, a short part of it, or a word such as 是, 完成, 及时, 有效" : "";
        throw new IndicatorValueException(IndicatorValueException.ACTUAL,
                NAME + " " + Target.quote(original) + " cannot be read: " + ACCEPTED_FORMS + restating);
    }

    /** A number was given ({@code value != null}). */
    public boolean quantitative() {
        return value != null;
    }

    /** The form's string: the original as given. */
    public String display() {
        return original;
    }

    /** A qualitative or bare-number target, which a word can restate; one with an operator needs a number. */
    private static boolean restatable(Target target) {
        return target != null && target.operator() == null;
    }

    /** {@code text} restates a qualitative or bare-number {@code target}: it says the target was met. */
    private static boolean restates(String text, Target target) {
        if (!restatable(target)) {
            return false;
        }
        if (text.equals(target.original()) || RESTATING_WORDS.contains(text)) {
            return true;
        }
        return target.qualitative() != null && target.qualitative().contains(text)
                && text.codePointCount(0, text.length()) <= MAX_RESTATEMENT_LENGTH
                && text.codePoints().noneMatch(c -> NEGATIONS.indexOf(c) >= 0);
    }
}
