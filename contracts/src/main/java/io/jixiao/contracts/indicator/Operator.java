package io.jixiao.contracts.indicator;

/**
 * The comparison of a quantitative 年度指标值 (annual target), e.g. the {@code ≥} of {@code ≥90(%)}.
 * {@link #GE} and {@link #GT} are positive indicators (more is better); {@link #LE} and {@link #LT} are reverse
 * indicators (less is better). Serialised by name ({@code "GE"}); {@link #symbol()} is the form's rendering.
 */
public enum Operator {
    GE("≥"),
    GT(">"),
    EQ("="),
    LE("≤"),
    LT("<");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    /** The symbol the official form prints: {@code ≥ > = ≤ <}. */
    public String symbol() {
        return symbol;
    }

    /** True for the reverse indicators ({@code ≤ <}): the actual should stay at or below the target. */
    boolean isReverse() {
        return this == LE || this == LT;
    }
}
