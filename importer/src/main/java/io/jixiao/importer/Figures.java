package io.jixiao.importer;

import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The figures of one project's form as printed: a decimal cell read into a {@link BigDecimal}, and an amount in the
 * file's unit (万元 or 元) converted to 元. Malformed figures are reported on the project's errors, figures read with
 * a correction (thousands separators) on its warnings.
 */
final class Figures {

    static final BigDecimal HUNDRED = new BigDecimal("100");
    /** A printed figure: digits, optionally grouped by thousands, and up to 4 decimals. */
    private static final Pattern PRINTED_DECIMAL = Pattern.compile("([0-9]{1,3}(,[0-9]{3})+|[0-9]{1,13})(\\.[0-9]{1,4})?");
    private static final BigDecimal TEN_THOUSAND = new BigDecimal("10000");

    private final List<String> errors;
    private final List<String> warnings;
    /** 万元 or 元; null when the file's amountUnit is missing or unknown (reported where it is read). */
    private final String unit;

    Figures(List<String> errors, List<String> warnings, String unit) {
        this.errors = errors;
        this.warnings = warnings;
        this.unit = unit;
    }

    /**
     * A figure as printed: a string holding a decimal, optionally grouped by thousands ({@code 215,457.6}), a rate
     * optionally followed by {@code %}; null when blank, {@code —} or {@code /}. Amounts may carry up to 4
     * decimals (万元 to the fen), weights, scores and rates at most 2.
     */
    BigDecimal decimal(JsonNode value, String field) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            errors.add(field + " " + value + " must be a string with a decimal, like \"1404.67\"");
            return null;
        }
        String text = value.stringValue().strip();
        if (field.endsWith(".rate") && text.endsWith("%")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        if (text.isEmpty() || text.equals("—") || text.equals("-") || text.equals("/")) {
            return null;
        }
        if (!PRINTED_DECIMAL.matcher(text).matches()) {
            errors.add(field + " \"" + value.stringValue() + "\" is not a decimal (digits, optionally grouped by "
                    + "thousands, and at most 4 decimals)");
            return null;
        }
        if (text.contains(",")) {
            warnings.add(field + " \"" + value.stringValue() + "\" is read without its thousands separators");
            text = text.replace(",", "");
        }
        BigDecimal decimal = new BigDecimal(text);
        boolean amount = field.endsWith(".initial") || field.endsWith(".fullYear") || field.endsWith(".executed");
        if (!amount && decimal.scale() > 2) {
            errors.add(field + " \"" + value.stringValue() + "\" has more than 2 decimals");
            return null;
        }
        return decimal;
    }

    /** In 元 to the fen; 0.00 when the amount is finer than a fen (reported). */
    BigDecimal yuan(BigDecimal amount) {
        BigDecimal yuan = "万元".equals(unit) ? amount.multiply(TEN_THOUSAND) : amount;
        try {
            return yuan.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException finerThanAFen) {
            errors.add("the amount " + amount.toPlainString() + unit + " is finer than a fen");
            return BigDecimal.ZERO.setScale(2);
        }
    }
}
