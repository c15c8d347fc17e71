package io.jixiao.budget.projectyear;

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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a project-year's events add up to: its status, its money per fund source, its payments with what is left
 * of each, its adjustments and refunds by key. The one fold of those events: the aggregate decides on it, and
 * the position and payment queries read it, so the two cannot drift apart.
 */
final class ProjectYearState {

    enum Status { REGISTERED, OPEN, CLOSED }

    /** A recorded payment and what has been taken back from it since. */
    record Payment(ExpenditureRecorded recorded, Money refunded, boolean reversed) {
        Money remaining() {
            return reversed ? Money.ZERO : recorded.amount().minus(refunded);
        }
    }

    private ProjectYearRegistered registered;
    private Status status;
    private final FundLedger ledger = new FundLedger();
    private final Map<String, Payment> payments = new HashMap<>();
    /** Adjustments by their idempotency key ({@link #keyOf}). */
    private final Map<String, List<BudgetAdjusted>> adjustments = new HashMap<>();
    private final Map<String, ExpenditureRefunded> refunds = new HashMap<>();
    /** Refunds booked here of payments of the closed previous year, per payment reference. */
    private final Map<String, Money> priorYearRefunded = new HashMap<>();

    void apply(PublishedEvent event) {
        if (event instanceof ProjectYearRegistered registration) {
            registered = registration;
            status = Status.REGISTERED;
        } else if (event instanceof InitialBudgetAllocated allocated) {
            ledger.allocate(allocated.fundSource(), allocated.amount());
        } else if (event instanceof ProjectYearOpened) {
            status = Status.OPEN;
        } else if (event instanceof BudgetAdjusted adjusted) {
            ledger.adjust(adjusted.fundSource(), adjusted.amount().times(adjusted.kind().sign()));
            adjustments.computeIfAbsent(keyOf(adjusted), key -> new ArrayList<>()).add(adjusted);
        } else if (event instanceof ExpenditureRecorded payment) {
            ledger.execute(payment.fundSource(), payment.amount());
            payments.put(payment.paymentReference(), new Payment(payment, Money.ZERO, false));
        } else if (event instanceof ExpenditureReversed reversal) {
            ledger.execute(reversal.fundSource(), reversal.amount().negate());
            payments.computeIfPresent(reversal.paymentReference(), (reference, payment) ->
                    new Payment(payment.recorded(), payment.refunded(), true));
        } else if (event instanceof ExpenditureRefunded refund) {
            ledger.execute(refund.fundSource(), refund.amount().negate());
            refunds.put(refund.refundReference(), refund);
            if (registered.projectId().equals(refund.originalProjectId())) {
                payments.computeIfPresent(refund.paymentReference(), (reference, payment) ->
                        new Payment(payment.recorded(), payment.refunded().plus(refund.amount()), false));
            } else {
                // a refund of the closed previous year's payment: it does not touch this year's payment of that name
                priorYearRefunded.merge(refund.paymentReference(), refund.amount(), Money::plus);
            }
        } else if (event instanceof ProjectYearClosed) {
            status = Status.CLOSED;
        }
    }

    /**
     * The idempotency key of an adjustment: the caller's adjustment id, unique within this project-year; an
     * incoming transfer carries the sender's id, unique only within the sender, so it is keyed by both.
     */
    String keyOf(BudgetAdjusted adjustment) {
        boolean incoming = adjustment.kind() == AdjustmentKind.TRANSFER_IN && adjustment.counterpartProjectId() != null
                && !adjustment.counterpartProjectId().equals(registered.projectId());
        return incoming ? adjustment.counterpartProjectId() + " " + adjustment.adjustmentId() : adjustment.adjustmentId();
    }

    boolean isRegistered() {
        return registered != null;
    }

    ProjectYearRegistered registered() {
        return registered;
    }

    int fiscalYear() {
        return registered.fiscalYear();
    }

    Status status() {
        return status;
    }

    FundLedger ledger() {
        return ledger;
    }

    Payment payment(String reference) {
        return payments.get(reference);
    }

    List<BudgetAdjusted> adjustment(String key) {
        return adjustments.get(key);
    }

    ExpenditureRefunded refund(String reference) {
        return refunds.get(reference);
    }

    Money priorYearRefunded(String paymentReference) {
        return priorYearRefunded.getOrDefault(paymentReference, Money.ZERO);
    }
}
