package io.jixiao.scoring.snapshot;

import io.jixiao.contracts.InvalidValueException;

import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A fiscal quarter, {@code 2023-Q4}: its last day is the business-date cut-off of its snapshot. */
public record Quarter(int year, int number) {

    private static final Pattern TEXT = Pattern.compile("([0-9]{4})-Q([1-4])");

    public Quarter {
        if (year < 1990 || year > 2999 || number < 1 || number > 4) {
            throw new InvalidValueException("quarter", "a quarter is YYYY-Q1 to YYYY-Q4, not " + year + "-Q" + number);
        }
    }

    public static Quarter parse(String text) {
        Matcher matcher = text == null ? null : TEXT.matcher(text);
        if (matcher == null || !matcher.matches()) {
            throw new InvalidValueException("quarter", "a quarter is written YYYY-Q1 to YYYY-Q4 (\"2023-Q4\"), not " + text);
        }
        return new Quarter(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    /** The quarter a day falls in. */
    public static Quarter of(LocalDate day) {
        return new Quarter(day.getYear(), (day.getMonthValue() - 1) / 3 + 1);
    }

    public LocalDate firstDay() {
        return LocalDate.of(year, (number - 1) * 3 + 1, 1);
    }

    public LocalDate lastDay() {
        return firstDay().plusMonths(3).minusDays(1);
    }

    public Quarter previous() {
        return number == 1 ? new Quarter(year - 1, 4) : new Quarter(year, number - 1);
    }

    @Override
    public String toString() {
        return year + "-Q" + number;
    }
}
