package io.jixiao.budget.projectyear;

import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.budget.AdjustmentKind;
import io.jixiao.platform.web.DomainException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

import java.time.LocalDate;

/**
 * 调剂 between two projects: budget leaves one project-year and arrives in another, as a TRANSFER_OUT and a
 * TRANSFER_IN sharing one adjustment id. The receiving side is checked first; should it still refuse, the
 * sending side gets the amount back as a new fact, so no budget is ever lost in between.
 */
@Service
public class Transfers {

    private final CommandGateway commands;
    private final ProjectYearHistory history;

    Transfers(CommandGateway commands, ProjectYearHistory history) {
        this.commands = commands;
        this.history = history;
    }

    /** One side of a transfer. */
    public record Side(String projectId, FundSource fundSource) {
    }

    public Outcome transfer(String adjustmentId, Side from, Side to, Money amount, String reason, String documentNumber,
                            LocalDate businessDate, boolean correction) {
        if (from.projectId().equals(to.projectId())) {
            return commands.sendAndWait(new TransferBetweenSources(from.projectId(), adjustmentId, from.fundSource(),
                    to.fundSource(), amount, reason, documentNumber, businessDate, correction));
        }
        ProjectYearHistory.Position sender = history.position(from.projectId(), null);
        ProjectYearHistory.Position receiver = history.position(to.projectId(), null);
        if (sender.fiscalYear() != receiver.fiscalYear()) {
            throw new DomainException.RuleViolation("transfer-across-years", "a transfer stays within one fiscal year: "
                    + from.projectId() + " is " + sender.fiscalYear() + ", " + to.projectId() + " is " + receiver.fiscalYear());
        }
        Outcome out = commands.sendAndWait(new AdjustBudget(from.projectId(), adjustmentId, AdjustmentKind.TRANSFER_OUT,
                from.fundSource(), amount, reason, documentNumber, businessDate, to.projectId(), to.fundSource(), correction));
        Outcome in;
        try {
            in = commands.sendAndWait(new AdjustBudget(to.projectId(), adjustmentId, AdjustmentKind.TRANSFER_IN,
                    to.fundSource(), amount, reason, documentNumber, businessDate, from.projectId(), from.fundSource(), false));
        } catch (RuntimeException refused) {
            if (out == Outcome.RECORDED) {
                commands.sendAndWait(new AdjustBudget(from.projectId(), adjustmentId + "-returned", AdjustmentKind.TRANSFER_IN,
                        from.fundSource(), amount, "调剂未完成，退回: " + reason, documentNumber, businessDate,
                        to.projectId(), to.fundSource(), false));
            }
            throw refused;
        }
        return out == Outcome.DUPLICATE && in == Outcome.DUPLICATE ? Outcome.DUPLICATE : Outcome.RECORDED;
    }
}
