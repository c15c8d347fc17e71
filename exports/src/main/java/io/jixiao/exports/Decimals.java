package io.jixiao.exports;

import java.math.BigDecimal;

/** The form's figures are decimal strings; these read them exactly, never through a binary floating point. */
final class Decimals {

    /** Beyond this an exponent is not a figure of a form but noise; such a text stays text. */
    private static final int MAX_EXPONENT = 30;

    private Decimals() {
    }

    /** The exact decimal a figure's text spells (surrounding blanks ignored), or null if it spells none. */
    static BigDecimal parse(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return null;
        }
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            boolean allowed = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
            if (!allowed) {
                return null; // full-width digits, thousands separators, %, 万元, …: not a plain decimal
            }
        }
        try {
            BigDecimal value = new BigDecimal(trimmed);
            int exponent = value.precision() - value.scale() - 1;
            return Math.abs(exponent) > MAX_EXPONENT || value.scale() > MAX_EXPONENT ? null : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The figure in plain notation ({@code 1.5E+3} → {@code 1500}), or null if the text spells no decimal. */
    static String plain(String text) {
        BigDecimal value = parse(text);
        return value == null ? null : value.toPlainString();
    }

    /** {@code a − b}, exact, in plain notation; null unless both are decimals. */
    static String difference(String a, String b) {
        BigDecimal left = parse(a);
        BigDecimal right = parse(b);
        return left == null || right == null ? null : left.subtract(right).toPlainString();
    }
}
