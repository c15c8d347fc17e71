package io.jixiao.contracts.indicator;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A 实际完成值 (actual value of a performance indicator), parsed. Exactly one of:
 * <ul>
 *     <li>quantitative: {@code value != null}, a plain decimal with an optional {@code unit}: {@code 42.68(%)},
 *     {@code 0.00(人次/年)}, {@code 100} (never an operator);</li>
 *     <li>qualitative: {@code achievement != null}: {@code 达成指标}/{@code 达成}, {@code 部分达成指标}/{@code 部分达成},
 *     {@code 未达成指标}/{@code 未达成}.</li>
 * </ul>
 * {@code original} is the text as given, only stripped of outer whitespace. Serialised by Jackson as a plain object
 * of the four components, {@code value} as a string keeping its scale ({@code "0.00"}).
 *
 * @param original    the text as given, stripped of outer whitespace
 * @param value       the decimal as written (scale kept), null for a qualitative actual
 * @param unit        the text inside the parentheses or {@code %} for a bare {@code %} suffix; null when there is none
 * @param achievement the qualitative achievement, null for a quantitative actual
 */
public record Actual(String original, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal value, String unit,
                     Achievement achievement) {

    private static final Map<String, Achievement> ACHIEVEMENTS = Map.of(
            "达成指标", Achievement.ACHIEVED, "达成", Achievement.ACHIEVED,
            "部分达成指标", Achievement.PARTIALLY_ACHIEVED, "部分达成", Achievement.PARTIALLY_ACHIEVED,
            "未达成指标", Achievement.NOT_ACHIEVED, "未达成", Achievement.NOT_ACHIEVED);

    private static final String ACCEPTED_FORMS = "an actual is either " + Target.NUMBER_SYNTAX
            + " and no operator, e.g. 42.68(%), 0.00(人次/年), 100; or one of 达成指标 (or 达成), 部分达成指标 (or 部分达成), "
            + "未达成指标 (or 未达成)";

    public Actual {
        if (original == null) {
            throw new IndicatorValueException(IndicatorValueException.ACTUAL, "实际完成值 (actual) is missing its original text");
        }
        if ((value == null) == (achievement == null)) {
            throw new IndicatorValueException(IndicatorValueException.ACTUAL,
                    "实际完成值 (actual) must have exactly one of a value or an achievement: " + Target.quote(original));
        }
        if (value == null && unit != null) {
            throw new IndicatorValueException(IndicatorValueException.ACTUAL,
                    "a qualitative 实际完成值 (actual) has no unit: " + Target.quote(original));
        }
    }

    /**
     * Parses a 实际完成值 as written on the form.
     *
     * @throws IndicatorValueException (field {@code actual}) for null, blank, over-long text, control characters
     *                                 other than newline and tab, and anything that is neither a number with an
     *                                 optional unit nor an achievement; the message lists the accepted forms
     */
    public static Actual parse(String text) {
        String original = Target.checkedText(IndicatorValueException.ACTUAL, "实际完成值 (actual)", text);
        Achievement achievement = ACHIEVEMENTS.get(original);
        if (achievement != null) {
            return new Actual(original, null, null, achievement);
        }
        if ("≥≧≤≦><＞＜=＝".indexOf(original.charAt(0)) >= 0 && !Target.startsWithTag(original)) {
            throw new IndicatorValueException(IndicatorValueException.ACTUAL, "实际完成值 (actual) "
                    + Target.quote(original) + " has an operator; only a 年度指标值 (target) has one: " + ACCEPTED_FORMS);
        }
        Target.Quantity quantity;
        try {
            quantity = Target.quantity(IndicatorValueException.ACTUAL, "实际完成值 (actual)", original, original);
        } catch (IndicatorValueException e) {
            throw new IndicatorValueException(IndicatorValueException.ACTUAL, e.getMessage() + "; " + ACCEPTED_FORMS);
        }
        if (quantity == null) {
            throw new IndicatorValueException(IndicatorValueException.ACTUAL,
                    "实际完成值 (actual) " + Target.quote(original) + " cannot be read: " + ACCEPTED_FORMS);
        }
        return new Actual(original, quantity.value(), quantity.unit(), null);
    }

    /** A number was given ({@code value != null}). */
    public boolean quantitative() {
        return value != null;
    }

    /** The form's string: the original as given. */
    public String display() {
        return original;
    }
}
