package io.jixiao.contracts.indicator;

/**
 * The interpretations {@link Target#parse} and {@link Actual#parse(String, Target)} record in
 * {@code interpretations} when they read a form's text other than literally. Stable strings: they travel in events,
 * so never rename one; a reader meeting one it does not know keeps it as it is.
 */
public final class Interpretation {

    /** The operator was written other than {@code ≥ > = ≤ <} ({@code ≧ >= ＝ ═ ﹦} …) and read as the one it stands for. */
    public static final String OPERATOR_SPELLING = "OPERATOR_SPELLING";
    /** A unit other than a bare {@code %} followed the number without parentheses ({@code 735人次}, {@code 20万元}). */
    public static final String UNIT_WITHOUT_PARENTHESES = "UNIT_WITHOUT_PARENTHESES";
    /** A quantitative target has no operator ({@code 100}, {@code 20万元}); scoring reads it as {@code ≥}. */
    public static final String NO_OPERATOR = "NO_OPERATOR";
    /** An actual written as a bare number ({@code 735}) took the unit of its quantitative target ({@code 人次}). */
    public static final String UNIT_FROM_TARGET = "UNIT_FROM_TARGET";
    /** An actual restating its qualitative or bare-number target ({@code 及时}, {@code 完成}) was read as 达成指标. */
    public static final String RESTATES_TARGET = "RESTATES_TARGET";

    /** An achievement was worded other than 达成/部分达成/未达成 (…指标): {@code 达成预期指标} read as 达成. */
    public static final String ACHIEVEMENT_WORDING = "ACHIEVEMENT_WORDING";

    private Interpretation() {
    }
}
