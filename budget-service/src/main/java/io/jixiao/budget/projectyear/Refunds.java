package io.jixiao.budget.projectyear;

import io.jixiao.contracts.ProjectYearId;
import io.jixiao.platform.domain.DomainException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Books refunds. A refund of a payment whose year is already closed belongs to the next year (the closed form
 * stays as it was): it is booked on the same project's next project-year, capped by what the closed year left
 * of the payment.
 */
@Service
public class Refunds {

    private final CommandGateway commands;
    private final ProjectYearHistory history;

    Refunds(CommandGateway commands, ProjectYearHistory history) {
        this.commands = commands;
        this.history = history;
    }

    /** The outcome, and the project-year the refund was booked on. */
    public record Booked(Outcome outcome, String bookedOn) {
    }

    public Booked refund(RefundExpenditure refund) {
        try {
            return new Booked(commands.sendAndWait(refund), refund.projectId());
        } catch (BudgetRuleViolations.YearClosed closed) {
            ProjectYearHistory.PaymentState payment = history.payment(refund.projectId(), refund.paymentReference())
                    .orElseThrow(() -> closed);
            String nextYear = ProjectYearId.of(payment.code(), payment.fiscalYear() + 1).value();
            try {
                Outcome outcome = commands.sendAndWait(new RecordPriorYearRefund(nextYear, refund.refundReference(),
                        refund.projectId(), refund.paymentReference(), payment.recorded().fundSource(), refund.amount(),
                        payment.remaining(), refund.businessDate(), refund.reason()));
                return new Booked(outcome, nextYear);
            } catch (AggregateNotFoundException missing) {
                throw new DomainException.RuleViolation("next-year-not-registered", refund.projectId()
                        + " is closed, so this refund belongs to " + nextYear + ", which is not registered");
            }
        }
    }
}
