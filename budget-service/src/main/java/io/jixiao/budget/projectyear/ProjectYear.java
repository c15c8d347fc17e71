package io.jixiao.budget.projectyear;

import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.budget.AdjustmentKind;
import io.jixiao.contracts.budget.BudgetAdjusted;
import io.jixiao.contracts.budget.ExpenditureRecorded;
import io.jixiao.contracts.budget.ExpenditureRefunded;
import io.jixiao.contracts.budget.ExpenditureReversed;
import io.jixiao.contracts.budget.InitialBudgetAllocated;
import io.jixiao.contracts.budget.ProjectYearClosed;
import io.jixiao.contracts.budget.ProjectYearOpened;
import io.jixiao.contracts.budget.ProjectYearRegistered;
import io.jixiao.platform.domain.DomainException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.jixiao.contracts.FundSource.PRIOR_YEAR_CARRYOVER;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One project in one fiscal year: its budget per fund source and the payments against it. Decides, then applies;
 * state changes only in the event sourcing handlers. Corrections are new facts (adjustments, reversals, refunds),
 * never edits.
 */
@Aggregate(cache = "projectYearCache")
public class ProjectYear {

    @AggregateIdentifier
    private String projectId;
    private final ProjectYearState state = new ProjectYearState();

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
        FundSource source = command.fundSource();
        requireNotClosed();
        if (state.ledger().hasInitial(source)) {
            throw BudgetRuleViolations.initialBudgetAlreadyAllocated(projectId, source);
        }
        // a late 上年结转资金 is only known after the previous year ends, so it may come after the year opened
        if (state.status() == ProjectYearState.Status.OPEN && source != PRIOR_YEAR_CARRYOVER) {
            throw BudgetRuleViolations.initialBudgetFrozen(projectId, source);
        }
        requireWithinMaximum(source, command.amount(), command.amount().amount());
        apply(new InitialBudgetAllocated(projectId, source, command.amount(), command.documentNumber(),
                LocalDate.of(state.fiscalYear(), 1, 1)));
    }

    @CommandHandler
    public void handle(OpenYear command) {
        requireNotClosed();
        if (state.status() == ProjectYearState.Status.REGISTERED) {
            apply(new ProjectYearOpened(projectId, LocalDate.of(state.fiscalYear(), 1, 1)));
        }
    }

    @CommandHandler
    public void handle(CloseYear command) {
        if (state.status() == ProjectYearState.Status.CLOSED) {
            return;
        }
        requireOpen();
        requireInFiscalYearOrAfter(command.businessDate());
        apply(new ProjectYearClosed(projectId, command.businessDate()));
    }

    @CommandHandler
    public Outcome handle(AdjustBudget command) {
        boolean transfer = command.kind() == AdjustmentKind.TRANSFER_IN || command.kind() == AdjustmentKind.TRANSFER_OUT;
        if (transfer != (command.counterpartProjectId() != null && command.counterpartFundSource() != null)) {
            throw BudgetRuleViolations.transferKind();
        }
        BudgetAdjusted adjusted = new BudgetAdjusted(projectId, command.adjustmentId(), command.kind(),
                command.fundSource(), command.amount(), command.reason(), command.documentNumber(),
                command.businessDate(), command.counterpartProjectId(), command.counterpartFundSource(), command.correction());
        return adjust(List.of(adjusted));
    }

    @CommandHandler
    public Outcome handle(TransferBetweenSources command) {
        if (command.from() == command.to()) {
            throw BudgetRuleViolations.sameSource(command.from());
        }
        return adjust(List.of(
                new BudgetAdjusted(projectId, command.adjustmentId(), AdjustmentKind.TRANSFER_OUT, command.from(),
                        command.amount(), command.reason(), command.documentNumber(), command.businessDate(), projectId,
                        command.to(), command.correction()),
                new BudgetAdjusted(projectId, command.adjustmentId(), AdjustmentKind.TRANSFER_IN, command.to(),
                        command.amount(), command.reason(), command.documentNumber(), command.businessDate(), projectId,
                        command.from(), command.correction())));
    }

    @CommandHandler
    public Outcome handle(ReturnTransfer command) {
        List<BudgetAdjusted> debit = state.adjustment(command.adjustmentId());
        if (debit == null || debit.size() != 1 || debit.get(0).kind() != AdjustmentKind.TRANSFER_OUT
                || projectId.equals(debit.get(0).counterpartProjectId())) {
            throw BudgetRuleViolations.nothingToReturn(projectId, command.adjustmentId());
        }
        BudgetAdjusted out = debit.get(0);
        BudgetAdjusted back = new BudgetAdjusted(projectId, command.returnAdjustmentId(), AdjustmentKind.TRANSFER_IN,
                out.fundSource(), out.amount(), command.reason(), out.documentNumber(), out.businessDate(),
                out.counterpartProjectId(), out.counterpartFundSource(), false);
        if (state.adjustment(state.keyOf(back)) != null) {
            return Outcome.DUPLICATE;
        }
        requireWithinMaximum(back.fundSource(), back.amount(), back.amount().amount());
        apply(back);
        return Outcome.RECORDED;
    }

    private Outcome adjust(List<BudgetAdjusted> changes) {
        String adjustmentId = changes.get(0).adjustmentId();
        List<BudgetAdjusted> earlier = state.adjustment(state.keyOf(changes.get(0)));
        if (earlier != null) {
            if (earlier.equals(changes)) {
                return Outcome.DUPLICATE;
            }
            throw BudgetRuleViolations.referenceReused(projectId, "adjustment", adjustmentId);
        }
        requireOpen();
        // a transfer between sources moves budget without adding to the total: the total grows by the net change
        java.math.BigDecimal net = changes.stream().map(c -> c.amount().amount().multiply(java.math.BigDecimal.valueOf(c.kind().sign())))
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
        for (BudgetAdjusted change : changes) {
            requireInFiscalYear(change.businessDate());
            if (change.kind().sign() > 0) {
                requireWithinMaximum(change.fundSource(), change.amount(), net);
            }
            if (change.kind().sign() < 0) {
                FundSource source = change.fundSource();
                Money after = state.ledger().fullYear(source).minus(change.amount());
                if (after.isNegative()) {
                    throw BudgetRuleViolations.budgetNegative(projectId, source, state.ledger().fullYear(source));
                }
                if (after.compareTo(state.ledger().executed(source)) < 0 && !change.correction()) {
                    throw BudgetRuleViolations.budgetBelowExecuted(projectId, source, after, state.ledger().executed(source));
                }
            }
        }
        changes.forEach(change -> apply(change));
        return Outcome.RECORDED;
    }

    /**
     * A budget, per fund source and in total, stays within what an amount can be ({@link Money#MAX}): the sums are
     * taken in BigDecimal, so that an increase beyond it is refused here (422) rather than failing as it is added
     * (a fuzzed increase of 999,999,999,999.99 answered 500). {@code totalIncrease} is what the whole change adds to
     * the project-year's total.
     */
    private void requireWithinMaximum(FundSource source, Money increase, java.math.BigDecimal totalIncrease) {
        java.math.BigDecimal total = totalIncrease;
        for (FundSource each : FundSource.values()) {
            total = total.add(state.ledger().fullYear(each).amount());
        }
        java.math.BigDecimal ofSource = state.ledger().fullYear(source).amount().add(increase.amount());
        if (ofSource.compareTo(Money.MAX) > 0 || total.compareTo(Money.MAX) > 0) {
            throw BudgetRuleViolations.budgetBeyondMaximum(projectId, source, state.ledger().fullYear(source), increase);
        }
    }

    @CommandHandler
    public Outcome handle(RecordExpenditure command) {
        return record(command);
    }

    /** Each payment is decided on its own: one refused payment does not stop the others. */
    @CommandHandler
    public List<PaymentDecision> handle(RecordExpenditures command) {
        List<PaymentDecision> decisions = new ArrayList<>(command.payments().size());
        for (RecordExpenditure payment : command.payments()) {
            try {
                decisions.add(PaymentDecision.of(record(payment)));
            } catch (DomainException rejection) {
                decisions.add(PaymentDecision.rejected(rejection));
            }
        }
        return decisions;
    }

    private Outcome record(RecordExpenditure command) {
        ExpenditureRecorded payment = new ExpenditureRecorded(projectId, command.paymentReference(),
                command.fundSource(), command.amount(), command.businessDate(), command.payee(), command.voucherNumber());
        ProjectYearState.Payment earlier = state.payment(command.paymentReference());
        if (earlier != null) {
            if (earlier.recorded().equals(payment)) {
                return Outcome.DUPLICATE;
            }
            throw BudgetRuleViolations.referenceReused(projectId, "payment", command.paymentReference());
        }
        requireOpen();
        requireInFiscalYear(command.businessDate());
        FundSource source = command.fundSource();
        if (!state.ledger().fullYear(source).isPositive()) {
            throw BudgetRuleViolations.noBudget(projectId, source);
        }
        Money available = state.ledger().available(source);
        if (command.amount().isGreaterThan(available)) {
            throw BudgetRuleViolations.beyondBudget(projectId, source, command.amount(), available.isNegative() ? Money.ZERO : available);
        }
        apply(payment);
        return Outcome.RECORDED;
    }

    @CommandHandler
    public Outcome handle(ReverseExpenditure command) {
        ProjectYearState.Payment payment = state.payment(command.paymentReference());
        if (payment == null) {
            throw BudgetRuleViolations.unknownPayment(projectId, command.paymentReference());
        }
        if (payment.reversed()) {
            return Outcome.DUPLICATE;
        }
        requireOpen();
        requireInFiscalYear(command.businessDate());
        requireNotBefore(payment, command.businessDate());
        apply(new ExpenditureReversed(projectId, command.paymentReference(), payment.recorded().fundSource(),
                payment.remaining(), command.businessDate(), command.reason()));
        return Outcome.RECORDED;
    }

    @CommandHandler
    public Outcome handle(RefundExpenditure command) {
        ProjectYearState.Payment payment = state.payment(command.paymentReference());
        if (payment == null) {
            throw BudgetRuleViolations.unknownPayment(projectId, command.paymentReference());
        }
        ExpenditureRefunded refund = new ExpenditureRefunded(projectId, command.refundReference(), projectId,
                command.paymentReference(), payment.recorded().fundSource(), command.amount(), command.businessDate(),
                command.reason());
        Outcome repeated = repeatedRefund(refund);
        if (repeated != null) {
            return repeated;
        }
        requireOpen();
        requireInFiscalYear(command.businessDate());
        requireNotBefore(payment, command.businessDate());
        if (payment.reversed()) {
            throw BudgetRuleViolations.paymentReversed(projectId, command.paymentReference());
        }
        if (command.amount().isGreaterThan(payment.remaining())) {
            throw BudgetRuleViolations.refundBeyondPayment(command.paymentReference(), command.amount(), payment.remaining());
        }
        apply(refund);
        return Outcome.RECORDED;
    }

    @CommandHandler
    public Outcome handle(RecordPriorYearRefund command) {
        ExpenditureRefunded refund = new ExpenditureRefunded(projectId, command.refundReference(),
                command.originalProjectId(), command.paymentReference(), command.fundSource(), command.amount(),
                command.businessDate(), command.reason());
        Outcome repeated = repeatedRefund(refund);
        if (repeated != null) {
            return repeated;
        }
        requireOpen();
        requireInFiscalYear(command.businessDate());
        Money left = command.refundable().minus(state.priorYearRefunded(command.paymentReference()));
        if (command.amount().isGreaterThan(left)) {
            throw BudgetRuleViolations.refundBeyondPayment(command.paymentReference(), command.amount(), left);
        }
        apply(refund);
        return Outcome.RECORDED;
    }

    private Outcome repeatedRefund(ExpenditureRefunded refund) {
        ExpenditureRefunded earlier = state.refund(refund.refundReference());
        if (earlier == null) {
            return null;
        }
        if (earlier.equals(refund)) {
            return Outcome.DUPLICATE;
        }
        throw BudgetRuleViolations.referenceReused(projectId, "refund", refund.refundReference());
    }

    private void requireNotClosed() {
        if (state.status() == ProjectYearState.Status.CLOSED) {
            throw new BudgetRuleViolations.YearClosed(projectId);
        }
    }

    private void requireOpen() {
        requireNotClosed();
        if (state.status() != ProjectYearState.Status.OPEN) {
            throw BudgetRuleViolations.yearNotOpen(projectId);
        }
    }

    private void requireInFiscalYear(LocalDate date) {
        if (date.getYear() != state.fiscalYear()) {
            throw BudgetRuleViolations.outsideFiscalYear(projectId, state.fiscalYear(), date);
        }
    }

    /** Closing happens at or after year end, never before the year starts. */
    private void requireInFiscalYearOrAfter(LocalDate date) {
        if (date.getYear() < state.fiscalYear()) {
            throw BudgetRuleViolations.outsideFiscalYear(projectId, state.fiscalYear(), date);
        }
    }

    private void requireNotBefore(ProjectYearState.Payment payment, LocalDate date) {
        if (date.isBefore(payment.recorded().businessDate())) {
            throw BudgetRuleViolations.beforePayment(payment.recorded().paymentReference(), payment.recorded().businessDate(), date);
        }
    }

    @EventSourcingHandler
    void on(ProjectYearRegistered event) {
        projectId = event.projectId();
        state.apply(event);
    }

    /** Every other fact of the year: the one fold in {@link ProjectYearState}. */
    @EventSourcingHandler
    void on(PublishedEvent event) {
        state.apply(event);
    }
}
