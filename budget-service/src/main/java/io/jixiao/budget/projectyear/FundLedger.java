package io.jixiao.budget.projectyear;

import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;

import java.util.EnumMap;
import java.util.Map;

/** The money of a project-year per fund source: initial budget, full-year budget and executed amount. */
final class FundLedger {

    private final Map<FundSource, Money> initial = new EnumMap<>(FundSource.class);
    private final Map<FundSource, Money> fullYear = new EnumMap<>(FundSource.class);
    private final Map<FundSource, Money> executed = new EnumMap<>(FundSource.class);

    Money initial(FundSource source) {
        return initial.getOrDefault(source, Money.ZERO);
    }

    boolean hasInitial(FundSource source) {
        return initial.containsKey(source);
    }

    Money fullYear(FundSource source) {
        return fullYear.getOrDefault(source, Money.ZERO);
    }

    Money executed(FundSource source) {
        return executed.getOrDefault(source, Money.ZERO);
    }

    Money available(FundSource source) {
        return fullYear(source).minus(executed(source));
    }

    void allocate(FundSource source, Money amount) {
        initial.merge(source, amount, Money::plus);
        fullYear.merge(source, amount, Money::plus);
    }

    void adjust(FundSource source, Money signedAmount) {
        fullYear.merge(source, signedAmount, Money::plus);
    }

    void execute(FundSource source, Money signedAmount) {
        executed.merge(source, signedAmount, Money::plus);
    }
}
