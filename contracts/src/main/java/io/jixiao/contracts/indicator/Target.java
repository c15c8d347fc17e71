package io.jixiao.contracts.indicator;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A 年度指标值 (annual target of a performance indicator), parsed. Exactly one of:
 * <ul>
 *     <li>quantitative: {@code value != null}, with an {@code operator} ({@code ≥90(%)}) or without one for a bare
 *     number ({@code 100}: accepted, flagged elsewhere), and an optional {@code unit} ({@code %}, {@code 人次/年});</li>
 *     <li>qualitative: {@code qualitative != null} holds the text ({@code 全部}, {@code 全面保障}, a sentence, imported
 *     {@code <p>…</p>}).</li>
 * </ul>
 * {@code original} is the text as given, only stripped of outer whitespace; the form prints it unchanged.
 * Serialised by Jackson as a plain object of the five components, {@code value} as a string keeping its scale
 * ({@code "15600000.00"}).
 *
 * @param original    the text as given, stripped of outer whitespace
 * @param operator    {@code ≥ > = ≤ <}, null for a bare number or a qualitative target
 * @param value       the decimal as written (scale kept), null for a qualitative target
 * @param unit        the text inside the parentheses ({@code %}, {@code 人次/年}) or {@code %} for a bare {@code %}
 *                    suffix; null when there is none
 * @param qualitative the text of a qualitative target (equal to {@code original}), else null
 */
public record Target(String original, Operator operator,
                     @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal value,
                     String unit, String qualitative) {

    /** Longest text accepted, in characters (code points). */
    public static final int MAX_LENGTH = 1000;
    /** Longest unit accepted, in characters (code points). */
    public static final int MAX_UNIT_LENGTH = 20;
    /** Most digits before the decimal point. */
    public static final int MAX_INTEGER_DIGITS = 15;
    /** Most digits after the decimal point. */
    public static final int MAX_DECIMALS = 6;

    /** Every spelling of an operator, longest first so that {@code >=} is not read as {@code >}. */
    private static final List<Map.Entry<String, Operator>> OPERATOR_SPELLINGS = List.of(
            Map.entry(">=", Operator.GE), Map.entry("<=", Operator.LE),
            Map.entry("≥", Operator.GE), Map.entry("≧", Operator.GE),
            Map.entry("≤", Operator.LE), Map.entry("≦", Operator.LE),
            Map.entry(">", Operator.GT), Map.entry("＞", Operator.GT),
            Map.entry("<", Operator.LT), Map.entry("＜", Operator.LT),
            Map.entry("=", Operator.EQ), Map.entry("＝", Operator.EQ));

    /** A plain decimal (ASCII digits, optional minus, no exponent or grouping) and an optional unit. */
    private static final Pattern NUMBER_AND_UNIT =
            Pattern.compile("(-?[0-9]+(?:\\.[0-9]+)?)[ \\t\\u3000]*(?:[(（]([^()（）]*)[)）]|(%))?");
    /** An HTML tag at the start ({@code <p>}, {@code </p>}, {@code <br/>}): imported text, not a {@code <} operator. */
    private static final Pattern LEADING_TAG = Pattern.compile("<[A-Za-z/!][^<>]*>");

    /** The number syntax, for error messages. */
    static final String NUMBER_SYNTAX = "a plain decimal (ASCII digits, at most " + MAX_INTEGER_DIGITS
            + " before and " + MAX_DECIMALS + " after the point, no exponent or grouping) with an optional unit in "
            + "parentheses (half- or full-width) or a % suffix";

    public Target {
        if (original == null) {
            throw new IndicatorValueException(IndicatorValueException.TARGET, "年度指标值 (target) is missing its original text");
        }
        if ((value == null) == (qualitative == null)) {
            throw new IndicatorValueException(IndicatorValueException.TARGET,
                    "年度指标值 (target) must have exactly one of a value or a qualitative text: " + quote(original));
        }
        if (value == null && (operator != null || unit != null)) {
            throw new IndicatorValueException(IndicatorValueException.TARGET,
                    "a qualitative 年度指标值 (target) has no operator or unit: " + quote(original));
        }
    }

    /**
     * Parses a 年度指标值 as written on the form.
     *
     * @throws IndicatorValueException (field {@code target}) for null, blank, over-long text, control characters
     *                                 other than newline and tab, an operator not followed by a valid number
     *                                 ({@code ≥abc}, {@code ≥1e5}, {@code ≥}), or a number beyond
     *                                 {@value #MAX_INTEGER_DIGITS} integer digits or {@value #MAX_DECIMALS} decimals
     */
    public static Target parse(String text) {
        String original = checkedText(IndicatorValueException.TARGET, "年度指标值 (target)", text);
        for (Map.Entry<String, Operator> spelling : OPERATOR_SPELLINGS) {
            if (original.startsWith(spelling.getKey())) {
                if (startsWithTag(original)) {
                    break; // imported HTML such as <p>全面保障</p>: qualitative
                }
                String rest = stripLeadingBlanks(original.substring(spelling.getKey().length()));
                Quantity quantity = quantity(IndicatorValueException.TARGET, "年度指标值 (target)", original, rest);
                if (quantity == null) {
                    throw new IndicatorValueException(IndicatorValueException.TARGET, "年度指标值 (target) "
                            + quote(original) + ": after the operator " + spelling.getKey() + " comes " + NUMBER_SYNTAX
                            + ", e.g. ≥90(%), ≥15600000.00(人次/年), ≤5(天)");
                }
                return new Target(original, spelling.getValue(), quantity.value(), quantity.unit(), null);
            }
        }
        Quantity bare = quantity(IndicatorValueException.TARGET, "年度指标值 (target)", original, original);
        if (bare != null) {
            return new Target(original, null, bare.value(), bare.unit(), null);
        }
        return new Target(original, null, null, null, original);
    }

    /** A number was given ({@code value != null}), with or without an operator. */
    public boolean quantitative() {
        return value != null;
    }

    /** A number without an operator, e.g. {@code 100}: accepted, but flagged elsewhere. */
    public boolean bareNumber() {
        return value != null && operator == null;
    }

    /** A reverse indicator ({@code ≤} or {@code <}): less is better. */
    public boolean reverse() {
        return operator != null && operator.isReverse();
    }

    /** The form's string: the original as given. */
    public String display() {
        return original;
    }

    // ---- shared with Actual ------------------------------------------------------------------------------------

    /** A decimal and its unit (null when none). */
    record Quantity(BigDecimal value, String unit) {
    }

    /**
     * The stripped text, after the checks every indicator value passes: not null, not blank, at most
     * {@value #MAX_LENGTH} characters, no control characters but newline and tab, no unpaired surrogates.
     */
    static String checkedText(String field, String name, String text) {
        if (text == null) {
            throw new IndicatorValueException(field, name + " is missing");
        }
        String stripped = text.strip();
        if (stripped.isEmpty()) {
            throw new IndicatorValueException(field, name + " is blank");
        }
        int length = stripped.codePointCount(0, stripped.length());
        if (length > MAX_LENGTH) {
            throw new IndicatorValueException(field, name + " is longer than " + MAX_LENGTH + " characters (" + length
                    + "): " + quote(stripped));
        }
        for (int i = 0; i < stripped.length(); ) {
            int c = stripped.codePointAt(i);
            int type = Character.getType(c);
            if (type == Character.CONTROL && c != '\n' && c != '\t') {
                throw new IndicatorValueException(field, name + " contains the control character U+"
                        + String.format("%04X", c) + " at position " + i + ": " + quote(stripped));
            }
            if (type == Character.SURROGATE) {
                throw new IndicatorValueException(field, name + " contains an unpaired surrogate U+"
                        + String.format("%04X", c) + " at position " + i);
            }
            i += Character.charCount(c);
        }
        return stripped;
    }

    /**
     * The decimal and unit of {@code text}, or null when {@code text} does not have the shape of a number with an
     * optional unit. A text of that shape with too many digits or a bad unit is an error.
     */
    static Quantity quantity(String field, String name, String original, String text) {
        Matcher matcher = NUMBER_AND_UNIT.matcher(text);
        if (!matcher.matches()) {
            return null;
        }
        String number = matcher.group(1);
        String digits = number.startsWith("-") ? number.substring(1) : number;
        int point = digits.indexOf('.');
        String integer = point < 0 ? digits : digits.substring(0, point);
        int decimals = point < 0 ? 0 : digits.length() - point - 1;
        int integerDigits = integer.replaceFirst("^0+(?=.)", "").length();
        if (integerDigits > MAX_INTEGER_DIGITS) {
            throw new IndicatorValueException(field, name + " " + quote(original) + " has " + integerDigits
                    + " digits before the decimal point; at most " + MAX_INTEGER_DIGITS + " are accepted");
        }
        if (decimals > MAX_DECIMALS) {
            throw new IndicatorValueException(field, name + " " + quote(original) + " has " + decimals
                    + " decimals; at most " + MAX_DECIMALS + " are accepted");
        }
        String unit = null;
        if (matcher.group(2) != null) {
            unit = matcher.group(2).strip();
            if (unit.isEmpty()) {
                throw new IndicatorValueException(field, name + " " + quote(original)
                        + " has empty parentheses where its unit should be, e.g. 90(%)");
            }
            if (unit.indexOf('\n') >= 0 || unit.indexOf('\t') >= 0) {
                throw new IndicatorValueException(field, name + " " + quote(original)
                        + " has a line break or tab in its unit");
            }
            if (unit.codePointCount(0, unit.length()) > MAX_UNIT_LENGTH) {
                throw new IndicatorValueException(field, name + " " + quote(original) + " has a unit longer than "
                        + MAX_UNIT_LENGTH + " characters");
            }
        } else if (matcher.group(3) != null) {
            unit = "%";
        }
        return new Quantity(new BigDecimal(number), unit);
    }

    /** An HTML tag at the start ({@code <p>}, {@code </p>}, {@code <br/>}): imported text, not a {@code <} operator. */
    static boolean startsWithTag(String text) {
        return LEADING_TAG.matcher(text).lookingAt();
    }

    private static String stripLeadingBlanks(String text) {
        int i = 0;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '\u3000')) {
            i++;
        }
        return text.substring(i);
    }

    static String quote(String text) {
        if (text == null) {
            return "null";
        }
        if (text.length() <= 60) {
            return '"' + text + '"';
        }
        int end = Character.isHighSurrogate(text.charAt(59)) ? 59 : 60;
        return '"' + text.substring(0, end) + "…\"";
    }
}
