package io.jixiao.scoring.execution;


import io.jixiao.scoring.rules.FormArithmetic;
import io.jixiao.scoring.rules.RuleSet;

import java.math.BigDecimal;

/** One row of the form's funds block, amounts in 元. */
record FundFigures(BigDecimal initial, BigDecimal fullYear, BigDecimal executed) {

    static final FundFigures NONE = new FundFigures(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    static FundFigures of(io.jixiao.scoring.projection.ReadModel.Amounts amounts) {
        return new FundFigures(amounts.initial(), amounts.fullYear(), amounts.executed());
    }

    FundFigures plus(FundFigures other) {
        return new FundFigures(initial.add(other.initial), fullYear.add(other.fullYear), executed.add(other.executed));
    }

    /** The rate under the project-year's rule set; the total row's from the summed amounts. */
    BigDecimal rate(RuleSet rules) {
        return FormArithmetic.rate(executed, fullYear, initial, rules);
    }
}
