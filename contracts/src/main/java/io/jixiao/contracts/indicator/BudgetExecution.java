package io.jixiao.contracts.indicator;

import java.text.Normalizer;
import java.util.List;

/**
 * Indicators that restate budget execution (当年预算完成率, 预算执行率): the form's funds row already scores it, and
 * such an indicator with a target in % can take the project's live execution rate as its actual.
 */
public final class BudgetExecution {

    private static final List<String> HEADINGS = List.of("预算完成率", "预算执行率", "资金执行率");

    private BudgetExecution() {
    }

    /** Whether a 三级指标 restates budget execution; compared on normalised text, so the seed's 预算执行率率 counts. */
    public static boolean restated(String level3) {
        if (level3 == null) {
            return false;
        }
        String normalised = Normalizer.normalize(level3, Normalizer.Form.NFKC).replaceAll("\\s", "");
        return HEADINGS.stream().anyMatch(normalised::contains);
    }

    /** Whether the indicator can follow the live execution rate: it restates it, and its target is in %. */
    public static boolean canFollow(String level3, Target target) {
        return restated(level3) && target.quantitative() && "%".equals(target.unit());
    }
}
