package io.jixiao.scoring.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * 序时进度: the share of the fiscal year's budget that should have been executed by the end of a day. By default it
 * grows linearly by day (the end of 31 December is 100 %); a jurisdiction may set checkpoints (25 % at the end of
 * March, 50 % June, 75 % September; or 40 % at the end of July), and the benchmark then runs linearly from one to the
 * next. Exact decimals, cut (never rounded up) to two places, like every rate of the form.
 *
 * @param checkpoints the dates (month and day, end of day) and percentages, rising; empty for linear by day
 */
public record TimeElapsed(List<Checkpoint> checkpoints) {

    private static final BigDecimal HUNDRED = new BigDecimal("100");
    private static final int SCALE = 2;

    /** At the end of that day of every fiscal year, this share should have been executed. */
    public record Checkpoint(@com.fasterxml.jackson.annotation.JsonFormat(pattern = "MM-dd") MonthDay date,
                             @com.fasterxml.jackson.annotation.JsonFormat(shape = com.fasterxml.jackson.annotation.JsonFormat.Shape.STRING) BigDecimal percent) {
        public Checkpoint {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(percent, "percent");
            if (percent.signum() < 0 || percent.compareTo(HUNDRED) > 0) {
                throw new IllegalArgumentException("a checkpoint's percentage is 0 to 100, not " + percent.toPlainString());
            }
        }
    }

    public TimeElapsed {
        List<Checkpoint> sorted = new ArrayList<>(checkpoints);
        sorted.sort(Comparator.comparing(Checkpoint::date));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).date().equals(sorted.get(i - 1).date())) {
                throw new IllegalArgumentException("two checkpoints on " + sorted.get(i).date());
            }
            if (sorted.get(i).percent().compareTo(sorted.get(i - 1).percent()) < 0) {
                throw new IllegalArgumentException("checkpoints must not fall: " + sorted.get(i - 1) + " then " + sorted.get(i));
            }
        }
        checkpoints = List.copyOf(sorted);
    }

    /** Linear by day of the fiscal year. */
    public static TimeElapsed linear() {
        return new TimeElapsed(List.of());
    }

    /** The common quarterly checkpoints: 25 % end of March, 50 % end of June, 75 % end of September. */
    public static TimeElapsed quarterly() {
        return new TimeElapsed(List.of(new Checkpoint(MonthDay.of(3, 31), new BigDecimal("25")),
                new Checkpoint(MonthDay.of(6, 30), new BigDecimal("50")),
                new Checkpoint(MonthDay.of(9, 30), new BigDecimal("75"))));
    }

    /** The benchmark (percent, 2 decimals, cut) at the end of {@code date} in {@code fiscalYear}: 0 before it, 100 after. */
    public BigDecimal at(LocalDate date, int fiscalYear) {
        if (date.getYear() < fiscalYear) {
            return BigDecimal.ZERO.setScale(SCALE);
        }
        if (date.getYear() > fiscalYear) {
            return HUNDRED.setScale(SCALE);
        }
        // points (end of day-of-year, percent): the start of 1 January is day 0 at 0 %, the end of 31 December 100 %
        int length = date.lengthOfYear();
        long previousDay = 0;
        BigDecimal previousPercent = BigDecimal.ZERO;
        int day = date.getDayOfYear();
        for (Checkpoint checkpoint : checkpoints) {
            int checkpointDay = checkpoint.date().atYear(fiscalYear).getDayOfYear();
            if (day <= checkpointDay) {
                return between(previousDay, previousPercent, checkpointDay, checkpoint.percent(), day);
            }
            previousDay = checkpointDay;
            previousPercent = checkpoint.percent();
        }
        return between(previousDay, previousPercent, length, HUNDRED, day);
    }

    private static BigDecimal between(long fromDay, BigDecimal fromPercent, long toDay, BigDecimal toPercent, long day) {
        if (toDay == fromDay) {
            return toPercent.setScale(SCALE, RoundingMode.DOWN);
        }
        BigDecimal share = toPercent.subtract(fromPercent).multiply(BigDecimal.valueOf(day - fromDay));
        // one division, at the end, cut: the exact value's first two decimals
        return fromPercent.add(share.divide(BigDecimal.valueOf(toDay - fromDay), SCALE + 10, RoundingMode.DOWN))
                .setScale(SCALE, RoundingMode.DOWN);
    }
}
