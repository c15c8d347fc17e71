package io.jixiao.contracts.indicator;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A 年度指标值 (annual target of a performance indicator), parsed. Exactly one of:
 * <ul>
 *     <li>quantitative: {@code value != null}, with an {@code operator} ({@code ≥90(%)}) or without one for a bare
 *     number ({@code 100}, {@code 20万元}: accepted, flagged {@link Interpretation#NO_OPERATOR}), and an optional
 *     {@code unit} ({@code %}, {@code 人次/年});</li>
 *     <li>qualitative: {@code qualitative != null} holds the text ({@code 全部}, {@code 全面保障}, a sentence, imported
 *     {@code <p>…</p>}, {@code 100%覆盖}, {@code 5天内完成}).</li>
 * </ul>
 * The grammar of a quantitative target, as the forms of different jurisdictions write it:
 * <ul>
 *     <li>an optional operator: {@code ≥ > = ≤ <} as the form prints them, or another spelling of one
 *     ({@code ≧ >=}, {@code ≦ <=}, {@code ＞}, {@code ＜}, {@code ＝ ═ ﹦}; flagged
 *     {@link Interpretation#OPERATOR_SPELLING});</li>
 *     <li>a plain decimal ({@code 90}, {@code 15600000.00}, {@code -5.5});</li>
 *     <li>an optional unit: in half- or full-width parentheses ({@code (%)}, {@code （人次/年）}), a {@code %} suffix,
 *     or up to {@value #MAX_BARE_UNIT_LENGTH} Han or Latin letters, {@code /} and {@code ·} up to the end of the text
 *     ({@code 人次}, {@code 万元}; flagged {@link Interpretation#UNIT_WITHOUT_PARENTHESES}) unless they make a phrase
 *     ({@code 天内完成}, {@code 个以上}: the target is then qualitative).</li>
 * </ul>
 * Blanks (space, tab, U+3000) may stand between operator, number and unit. The unit is the same however it is
 * written: {@code ≥90(%)} and {@code ≥90%} differ only in {@code original}.
 * <p>
 * {@code original} is the text as given, only stripped of outer whitespace; the form prints it unchanged.
 * {@code interpretations} lists, in reading order, the {@link Interpretation}s the parser made; empty for a target
 * written as the seed forms write it ({@code ≥90(%)}) and for a qualitative one. Serialised by Jackson as a plain
 * object of the six components, {@code value} as a string keeping its scale ({@code "15600000.00"}),
 * {@code interpretations} as an array; JSON without {@code interpretations} reads as none.
 *
 * @param original        the text as given, stripped of outer whitespace
 * @param operator        {@code ≥ > = ≤ <}, null for a bare number or a qualitative target
 * @param value           the decimal as written (scale kept), null for a qualitative target
 * @param unit            the unit however written: the text inside the parentheses ({@code %}, {@code 人次/年}),
 *                        {@code %} for a {@code %} suffix, or the letters after the number ({@code 人次}); null when
 *                        there is none
 * @param qualitative     the text of a qualitative target (equal to {@code original}), else null
 * @param interpretations the {@link Interpretation}s made in reading {@code original}, never null
 */
public record Target(String original, Operator operator,
                     @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal value,
                     String unit, String qualitative, List<String> interpretations) {

    /** Longest text accepted, in characters (code points). */
    public static final int MAX_LENGTH = 1000;
    /** Longest unit in parentheses accepted, in characters (code points). */
    public static final int MAX_UNIT_LENGTH = 20;
    /** Longest unit without parentheses read, in characters (code points); anything longer is a phrase. */
    public static final int MAX_BARE_UNIT_LENGTH = 10;
    /** Most digits before the decimal point. */
    public static final int MAX_INTEGER_DIGITS = 15;
    /** Most digits after the decimal point. */
    public static final int MAX_DECIMALS = 6;

    private static final String NAME = "年度指标值 (target)";

    /**
     * Every spelling of an operator, longest first so that {@code >=} is not read as {@code >}. A spelling other
     * than the operator's {@link Operator#symbol()} is flagged.
     */
    private static final List<Map.Entry<String, Operator>> OPERATOR_SPELLINGS = List.of(
            Map.entry(">=", Operator.GE), Map.entry("<=", Operator.LE),
            Map.entry("≥", Operator.GE), Map.entry("≧", Operator.GE),
            Map.entry("≤", Operator.LE), Map.entry("≦", Operator.LE),
            Map.entry(">", Operator.GT), Map.entry("＞", Operator.GT),
            Map.entry("<", Operator.LT), Map.entry("＜", Operator.LT),
            Map.entry("=", Operator.EQ), Map.entry("＝", Operator.EQ),
            Map.entry("═", Operator.EQ), Map.entry("﹦", Operator.EQ));

    /**
     * A plain decimal (ASCII digits, optional minus, no exponent or grouping) and an optional unit: in parentheses
     * (group 2), a {@code %} suffix (group 3), or Han or Latin letters, {@code /} and {@code ·} (group 4).
     */
    private static final Pattern NUMBER_AND_UNIT = Pattern.compile("(-?[0-9]+(?:\\.[0-9]+)?)[ \\t\\u3000]*"
            + "(?:[(（]([^()（）]*)[)）]|(%)|([/·[\\p{L}&&[\\p{IsHan}\\p{IsLatin}]]]{1," + MAX_BARE_UNIT_LENGTH + "}))?");
    /**
     * Characters that make the letters after a number a phrase rather than a unit: time limits ({@code 5天内},
     * {@code 12月底前}), ranges ({@code 3个以上}, {@code 5年左右}), verbs ({@code 5天完成}, {@code 2次达到}). No unit
     * contains one.
     */
    private static final String PHRASE_MARKERS = "内以上下前后底初至及完成达到覆盖左右约余多不超过低高于";
    /** An HTML tag at the start ({@code <p>}, {@code </p>}, {@code <br/>}): imported text, not a {@code <} operator. */
    private static final Pattern LEADING_TAG = Pattern.compile("<[A-Za-z/!][^<>]*>");

    /** The number syntax, for error messages. */
    static final String NUMBER_SYNTAX = "a plain decimal (ASCII digits, at most " + MAX_INTEGER_DIGITS
            + " before and " + MAX_DECIMALS + " after the point, no exponent or grouping) with an optional unit in "
            + "parentheses (half- or full-width), a % suffix, or up to " + MAX_BARE_UNIT_LENGTH
            + " Han or Latin letters (人次, 万元) ending the text";

    public Target {
        if (original == null) {
            throw new IndicatorValueException(IndicatorValueException.TARGET, NAME + " is missing its original text");
        }
        if ((value == null) == (qualitative == null)) {
            throw new IndicatorValueException(IndicatorValueException.TARGET,
                    NAME + " must have exactly one of a value or a qualitative text: " + quote(original));
        }
        if (value == null && (operator != null || unit != null)) {
            throw new IndicatorValueException(IndicatorValueException.TARGET,
                    "a qualitative " + NAME + " has no operator or unit: " + quote(original));
        }
        interpretations = interpretations == null ? List.of() : List.copyOf(interpretations);
    }

    /** A target without interpretations, as before they were recorded. */
    public Target(String original, Operator operator, BigDecimal value, String unit, String qualitative) {
        this(original, operator, value, unit, qualitative, List.of());
    }

    /**
     * Parses a 年度指标值 as written on the form; see the class comment for the grammar.
     *
     * @throws IndicatorValueException (field {@code target}) for null, blank, over-long text, control characters
     *                                 other than newline and tab, an operator not followed by a valid number
     *                                 ({@code ≥abc}, {@code ≥1e5}, {@code ≥}, {@code ≥5天内完成}), or a number beyond
     *                                 {@value #MAX_INTEGER_DIGITS} integer digits or {@value #MAX_DECIMALS} decimals
     */
    public static Target parse(String text) {
        String original = checkedText(IndicatorValueException.TARGET, NAME, text);
        Map.Entry<String, Operator> spelling = operatorAt(original);
        if (spelling != null) {
            String rest = stripLeadingBlanks(original.substring(spelling.getKey().length()));
            Quantity quantity = quantity(IndicatorValueException.TARGET, NAME, original, rest);
            if (quantity == null) {
                throw new IndicatorValueException(IndicatorValueException.TARGET, NAME + " " + quote(original)
                        + ": after the operator " + spelling.getKey() + " comes " + NUMBER_SYNTAX
                        + ", e.g. ≥90(%), ≥15600000.00(人次/年), ≤5(天), ≥735人次");
            }
            Operator operator = spelling.getValue();
            List<String> read = spelling.getKey().equals(operator.symbol())
                    ? quantity.interpretations() : quantity.interpretations(Interpretation.OPERATOR_SPELLING);
            return new Target(original, operator, quantity.value(), quantity.unit(), null, read);
        }
        Quantity bare = quantity(IndicatorValueException.TARGET, NAME, original, original);
        if (bare != null) {
            return new Target(original, null, bare.value(), bare.unit(), null,
                    bare.interpretations(Interpretation.NO_OPERATOR));
        }
        return new Target(original, null, null, null, original, List.of());
    }

    /** A number was given ({@code value != null}), with or without an operator. */
    public boolean quantitative() {
        return value != null;
    }

    /** A number without an operator, e.g. {@code 100}: accepted, flagged {@link Interpretation#NO_OPERATOR}. */
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

    /** A decimal, its unit (null when none), and whether the unit was a word without parentheses. */
    record Quantity(BigDecimal value, String unit, boolean unitWithoutParentheses) {

        /** The interpretations made reading the text: {@code earlier} ones (before the number), then the unit's. */
        List<String> interpretations(String... earlier) {
            List<String> read = new ArrayList<>(List.of(earlier));
            if (unitWithoutParentheses) {
                read.add(Interpretation.UNIT_WITHOUT_PARENTHESES);
            }
            return read;
        }
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
        if (!matcher.matches() || matcher.group(4) != null && !unitWord(matcher.group(4))) {
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
        } else {
            unit = matcher.group(4);
        }
        return new Quantity(new BigDecimal(number), unit, matcher.group(4) != null);
    }

    /** Letters after a number are a unit ({@code 人次}, {@code 万元}, {@code km}) unless they make a phrase. */
    private static boolean unitWord(String word) {
        return word.codePoints().anyMatch(Character::isLetter)
                && word.codePoints().noneMatch(c -> PHRASE_MARKERS.indexOf(c) >= 0);
    }

    /**
     * The spelling of the operator {@code text} starts with, or null when it has none. Imported HTML
     * ({@code <p>全面保障</p>}) starts with a tag, not a {@code <} operator.
     */
    static Map.Entry<String, Operator> operatorAt(String text) {
        if (startsWithTag(text)) {
            return null;
        }
        return OPERATOR_SPELLINGS.stream().filter(spelling -> text.startsWith(spelling.getKey())).findFirst()
                .orElse(null);
    }

    /** An HTML tag at the start ({@code <p>}, {@code </p>}, {@code <br/>}): imported text, not a {@code <} operator. */
    private static boolean startsWithTag(String text) {
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
