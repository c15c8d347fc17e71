package io.jixiao.budget.projectyear;

import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import io.jixiao.platform.domain.DomainException;

import java.time.LocalDate;
import java.util.Map;

/** The rules of a project-year's budget, each a distinct problem code. */
final class BudgetRuleViolations {

    private BudgetRuleViolations() {
    }

    /** The year is closed: the form is frozen. Refunds of its payments go to the next year. */
    public static final class YearClosed extends DomainException.RuleViolation {
        YearClosed(String projectId) {
            super("year-closed", projectId + " is closed; its form is frozen");
        }
    }

    static DomainException initialBudgetAlreadyAllocated(String projectId, FundSource source) {
        return new DomainException.Conflict("initial-budget-already-allocated",
                "the initial budget of " + source.label() + " for " + projectId + " is already allocated");
    }

    static DomainException initialBudgetFrozen(String projectId, FundSource source) {
        return new DomainException.RuleViolation("initial-budget-frozen", "the year of " + projectId
                + " is open: initial budgets are frozen (only a late 上年结转资金 may still arrive); adjust "
                + source.label() + " instead");
    }

    static DomainException yearNotOpen(String projectId) {
        return new DomainException.RuleViolation("year-not-open", "the year of " + projectId + " is not open yet");
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

    static DomainException referenceReused(String projectId, String what, String reference) {
        return new DomainException.Conflict(what + "-reference-conflict",
                what + " reference " + reference + " of " + projectId + " was already used with a different content");
    }

    static DomainException budgetBelowExecuted(String projectId, FundSource source, Money newBudget, Money executed) {
        return new DomainException.RuleViolation("budget-below-executed",
                "the budget of " + source.label() + " of " + projectId + " would fall to " + newBudget
                        + ", below the " + executed + " already paid; mark it as a correction if that is intended",
                Map.of("fundSource", source.name(), "fullYear", newBudget.toString(), "executed", executed.toString()));
    }

    static DomainException budgetNegative(String projectId, FundSource source, Money current) {
        return new DomainException.RuleViolation("budget-negative",
                "the budget of " + source.label() + " of " + projectId + " is " + current + "; it cannot go below zero",
                Map.of("fundSource", source.name(), "fullYear", current.toString()));
    }

    static DomainException budgetBeyondMaximum(String projectId, FundSource source, Money current, Money increase) {
        return new DomainException.RuleViolation("budget-beyond-maximum",
                "adding " + increase + " to the budget of " + source.label() + " of " + projectId + " (" + current
                        + ") would take it, or the project-year's total, beyond " + Money.MAX.toPlainString(),
                Map.of("fundSource", source.name(), "fullYear", current.toString(), "maximum", Money.MAX.toPlainString()));
    }

    static DomainException sameSource(FundSource source) {
        return new DomainException.RuleViolation("transfer-to-same-source",
                "a transfer needs two different fund sources, not " + source.label() + " twice");
    }

    static DomainException transferKind() {
        return new DomainException.RuleViolation("transfer-needs-counterpart",
                "a transfer names the project and fund source on its other side");
    }

    static DomainException nothingToReturn(String projectId, String adjustmentId) {
        return new DomainException.NotFound("unknown-adjustment",
                "no transfer " + adjustmentId + " out of " + projectId + " to give back");
    }

    static DomainException unknownPayment(String projectId, String reference) {
        return new DomainException.NotFound("unknown-payment", "no payment " + reference + " in " + projectId);
    }

    static DomainException paymentReversed(String projectId, String reference) {
        return new DomainException.RuleViolation("payment-reversed",
                "payment " + reference + " of " + projectId + " was reversed; nothing is left to refund");
    }

    static DomainException beforePayment(String reference, LocalDate paid, LocalDate date) {
        return new DomainException.RuleViolation("date-before-payment",
                "business date " + date + " is before payment " + reference + " of " + paid);
    }

    static DomainException refundBeyondPayment(String reference, Money amount, Money refundable) {
        return new DomainException.RuleViolation("refund-beyond-payment",
                "refund of " + amount + " exceeds the " + refundable + " left of payment " + reference,
                Map.of("refundable", refundable.toString(), "amount", amount.toString()));
    }
}
