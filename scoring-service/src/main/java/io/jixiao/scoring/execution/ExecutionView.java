package io.jixiao.scoring.execution;

import io.jixiao.scoring.rules.RuleSet;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * The funds block of one project-year as served: amounts in 元 and rates in percent, all as strings with
 * 2 decimals so that no JSON reader turns them into floating point.
 *
 * @param status  the project-year's lifecycle as budget-service published it: REGISTERED, OPEN or CLOSED
 * @param sources every fund source by its enum name, always all three, in the form's order
 */
record ExecutionView(String projectId, String name, int fiscalYear, String status, Figures total,
                     Map<String, Figures> sources, long eventsApplied) {

    record Figures(String initial, String fullYear, String executed, String rate) {

        static Figures of(FundFigures figures, RuleSet rules) {
            return new Figures(text(figures.initial()), text(figures.fullYear()), text(figures.executed()),
                    text(figures.rate(rules)));
        }
    }

    /** One line of the project list. */
    record Summary(String projectId, String name, int fiscalYear, String status, String rate) {
    }

    static String text(BigDecimal value) {
        // values are stored as numeric(15,2) or computed at scale 2: setting the scale never rounds
        return value.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }
}
