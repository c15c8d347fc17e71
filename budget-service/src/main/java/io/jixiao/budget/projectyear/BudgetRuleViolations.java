package io.jixiao.budget.projectyear;

import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import io.jixiao.platform.web.DomainException;

import java.time.LocalDate;
import java.util.Map;

/** The rules of a project-year's budget, each a distinct problem code. */
final class BudgetRuleViolations {

    private BudgetRuleViolations() {
    }

    static DomainException initialBudgetAlreadyAllocated(String projectId, FundSource source) {
        return new DomainException.Conflict("initial-budget-already-allocated",
                "the initial budget of " + source.label() + " for " + projectId + " is already allocated");
    }

    /** 无预算不支出: no payment against a fund source without a budget. */
    static DomainException noBudget(String projectId, FundSource source) {
        return new DomainException.RuleViolation("no-budget",
                projectId + " has no budget for " + source.label() + " (无预算不支出)",
                Map.of("fundSource", source.name(), "available", "0.00"));
    }

    static DomainException beyondBudget(String projectId, FundSource source, Money amount, Money available) {
        return new DomainException.RuleViolation("payment-beyond-budget",
                "payment of " + amount + " exceeds the " + available + " available in " + source.label() + " of " + projectId,
                Map.of("fundSource", source.name(), "available", available.toString(), "amount", amount.toString()));
    }

    static DomainException outsideFiscalYear(String projectId, int fiscalYear, LocalDate date) {
        return new DomainException.RuleViolation("date-outside-fiscal-year",
                "business date " + date + " is outside fiscal year " + fiscalYear + " of " + projectId,
                Map.of("fiscalYear", fiscalYear, "businessDate", date.toString()));
    }

    static DomainException referenceReused(String projectId, String reference) {
        return new DomainException.Conflict("payment-reference-conflict",
                "payment reference " + reference + " of " + projectId + " was already used for a different payment");
    }
}
