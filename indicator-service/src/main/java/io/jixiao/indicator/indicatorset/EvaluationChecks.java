package io.jixiao.indicator.indicatorset;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The checks before a self-evaluation is finalised: indicator weights plus the funds row's weight make 100
 * (blocks); every indicator has an actual (blocks); the level-1 split is 50/30/10/10 for 产出/效益/满意度/资金
 * (only warns: many published forms differ).
 */
public final class EvaluationChecks {

    static final BigDecimal HUNDRED = new BigDecimal("100.00");

    /** What the checks need of one indicator. */
    public record Line(String indicatorId, String level1, BigDecimal weight, boolean hasActual) {
    }

    public record Result(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal indicatorWeights,
                         @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal fundsWeight,
                         List<String> blocking, List<String> warnings) {
        public boolean passes() {
            return blocking.isEmpty();
        }
    }

    private enum Level1 {
        OUTPUT("产出指标", "50.00"), BENEFIT("效益指标", "30.00"), SATISFACTION("满意度指标", "10.00"), COST("成本指标", "0.00");

        final String label;
        final BigDecimal expected;

        Level1(String label, String expected) {
            this.label = label;
            this.expected = new BigDecimal(expected);
        }

        static Level1 of(String label) {
            for (Level1 level : values()) {
                if (level.label.equals(label)) {
                    return level;
                }
            }
            throw new IllegalArgumentException("unknown level-1 heading " + label);
        }
    }

    private EvaluationChecks() {
    }

    public static Result check(List<Line> lines, BigDecimal fundsWeight) {
        List<String> blocking = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        BigDecimal weights = lines.stream().map(Line::weight).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
        if (lines.isEmpty()) {
            blocking.add("no indicators are defined");
        }
        if (weights.add(fundsWeight).compareTo(HUNDRED) != 0) {
            blocking.add("indicator weights " + weights.toPlainString() + " plus the funds weight " + fundsWeight.toPlainString()
                    + " make " + weights.add(fundsWeight).toPlainString() + ", not 100.00");
        }
        List<String> missing = lines.stream().filter(line -> !line.hasActual()).map(Line::indicatorId).toList();
        if (!missing.isEmpty()) {
            blocking.add("no actual (未填报) for " + String.join(", ", missing));
        }
        Map<Level1, BigDecimal> split = new EnumMap<>(Level1.class);
        for (Level1 level : Level1.values()) {
            split.put(level, BigDecimal.ZERO.setScale(2));
        }
        lines.forEach(line -> split.merge(Level1.of(line.level1()), line.weight(), BigDecimal::add));
        boolean standard = split.entrySet().stream().allMatch(e -> e.getValue().compareTo(e.getKey().expected) == 0)
                && fundsWeight.compareTo(new BigDecimal("10")) == 0;
        if (!standard) {
            warnings.add("level-1 split 产出 " + split.get(Level1.OUTPUT).toPlainString() + " / 效益 "
                    + split.get(Level1.BENEFIT).toPlainString() + " / 满意度 " + split.get(Level1.SATISFACTION).toPlainString()
                    + (split.get(Level1.COST).signum() != 0 ? " / 成本 " + split.get(Level1.COST).toPlainString() : "")
                    + " / 资金 " + fundsWeight.toPlainString() + " differs from 50/30/10/10");
        }
        return new Result(weights, fundsWeight, List.copyOf(blocking), List.copyOf(warnings));
    }
}
