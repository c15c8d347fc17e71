package io.jixiao.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An amount in 元, exact to the fen (2 decimals). Serialised as a plain decimal string ("13505200.00") so
 * that no JSON reader ever turns it into a floating-point number.
 */
public record Money(BigDecimal amount) implements Comparable<Money> {

    public static final int SCALE = 2;
    /** Below one trillion 元: larger figures are input errors, not budgets. */
    public static final BigDecimal MAX = new BigDecimal("999999999999.99");
    public static final Money ZERO = new Money(BigDecimal.ZERO);

    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?[0-9]{1,12}(\\.[0-9]{1,2})?");

    public Money {
        Objects.requireNonNull(amount, "amount");
        if (amount.stripTrailingZeros().scale() > SCALE) {
            throw new InvalidMoneyException("amount has more than 2 decimals: " + amount.toPlainString());
        }
        amount = amount.setScale(SCALE, RoundingMode.UNNECESSARY);
        if (amount.abs().compareTo(MAX) > 0) {
            throw new InvalidMoneyException("amount is beyond " + MAX.toPlainString() + ": " + amount.toPlainString());
        }
    }

    /**
     * Parses the strict text form: optional minus, up to 12 integer digits, up to 2 decimals. No exponent,
     * no grouping, no full-width digits, no NaN: anything else is an {@link InvalidMoneyException}.
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Money parse(String text) {
        if (text == null || !PLAIN_DECIMAL.matcher(text).matches()) {
            throw new InvalidMoneyException("not an amount of 元 with at most 2 decimals: " + abbreviate(text));
        }
        return new Money(new BigDecimal(text));
    }

    public static Money of(String text) {
        return parse(text);
    }

    public Money plus(Money other) {
        return new Money(amount.add(other.amount));
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(other.amount));
    }

    public Money negate() {
        return new Money(amount.negate());
    }

    /** This amount times +1 or -1. */
    public Money times(int sign) {
        return sign < 0 ? negate() : this;
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(other.amount);
    }

    @JsonValue
    @Override
    public String toString() {
        return amount.toPlainString();
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() <= 40 ? '"' + text + '"' : '"' + text.substring(0, 40) + "…\"";
    }

    /** A malformed or out-of-range amount. */
    public static final class InvalidMoneyException extends InvalidValueException {
        public InvalidMoneyException(String message) {
            super("amount", message);
        }
    }
}
