package io.jixiao.budget.projectyear;

import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.budget.ExpenditureRecorded;
import io.jixiao.contracts.budget.InitialBudgetAllocated;
import io.jixiao.contracts.budget.ProjectYearRegistered;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One project in one fiscal year: its budget per fund source and the payments against it. Decides, then applies;
 * state changes only in the event sourcing handlers.
 */
@Aggregate
public class ProjectYear {

    @AggregateIdentifier
    private String projectId;
    private int fiscalYear;
    private final Map<FundSource, Money> budget = new EnumMap<>(FundSource.class);
    private final Map<FundSource, Money> executed = new EnumMap<>(FundSource.class);
    private final Map<String, ExpenditureRecorded> paymentsByReference = new HashMap<>();

    protected ProjectYear() {
        // for Axon
    }

    @CommandHandler
    public ProjectYear(RegisterProjectYear command) {
        apply(new ProjectYearRegistered(command.projectId(), command.code(), command.name(), command.department(),
                command.implementingUnit(), command.fiscalYear(), command.ruleSet()));
    }

    @CommandHandler
    public void handle(AllocateInitialBudget command) {
        if (budget.containsKey(command.fundSource())) {
            throw BudgetRuleViolations.initialBudgetAlreadyAllocated(projectId, command.fundSource());
        }
        apply(new InitialBudgetAllocated(projectId, command.fundSource(), command.amount(), command.documentNumber(),
                LocalDate.of(fiscalYear, 1, 1)));
    }

    @CommandHandler
    public PaymentOutcome handle(RecordExpenditure command) {
        ExpenditureRecorded payment = new ExpenditureRecorded(projectId, command.paymentReference(),
                command.fundSource(), command.amount(), command.businessDate(), command.payee(), command.voucherNumber());
        ExpenditureRecorded earlier = paymentsByReference.get(command.paymentReference());
        if (earlier != null) {
            if (earlier.equals(payment)) {
                return PaymentOutcome.DUPLICATE;
            }
            throw BudgetRuleViolations.referenceReused(projectId, command.paymentReference());
        }
        if (command.businessDate().getYear() != fiscalYear) {
            throw BudgetRuleViolations.outsideFiscalYear(projectId, fiscalYear, command.businessDate());
        }
        Money allocated = budget.get(command.fundSource());
        if (allocated == null || !allocated.isPositive()) {
            throw BudgetRuleViolations.noBudget(projectId, command.fundSource());
        }
        Money available = allocated.minus(executed.getOrDefault(command.fundSource(), Money.ZERO));
        if (command.amount().isGreaterThan(available)) {
            throw BudgetRuleViolations.beyondBudget(projectId, command.fundSource(), command.amount(), available);
        }
        apply(payment);
        return PaymentOutcome.RECORDED;
    }

    @EventSourcingHandler
    void on(ProjectYearRegistered event) {
        projectId = event.projectId();
        fiscalYear = event.fiscalYear();
    }

    @EventSourcingHandler
    void on(InitialBudgetAllocated event) {
        budget.merge(event.fundSource(), event.amount(), Money::plus);
    }

    @EventSourcingHandler
    void on(ExpenditureRecorded event) {
        executed.merge(event.fundSource(), event.amount(), Money::plus);
        paymentsByReference.put(event.paymentReference(), event);
    }
}
