package io.jixiao.budget.projectyear;

import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.budget.BudgetAdjusted;
import io.jixiao.contracts.budget.ExpenditureRecorded;
import io.jixiao.contracts.budget.ExpenditureRefunded;
import io.jixiao.contracts.budget.ExpenditureReversed;
import io.jixiao.contracts.budget.InitialBudgetAllocated;
import io.jixiao.contracts.budget.ProjectYearClosed;
import io.jixiao.contracts.budget.ProjectYearOpened;
import io.jixiao.contracts.budget.ProjectYearRegistered;
import io.jixiao.platform.web.DomainException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a project-year straight from its stored events: its budget position as of any business date, and what
 * is left of a payment. Exact by construction: the same facts the aggregate decides on.
 */
@Component
public class ProjectYearHistory {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final EventStore events;

    ProjectYearHistory(EventStore events) {
        this.events = events;
    }

    /** One fund source's row: 年初预算数, 全年预算数, 全年执行数 and what is still available. */
    public record FundRow(Money initial, Money fullYear, Money executed) {
        public Money available() {
            return fullYear.minus(executed);
        }
    }

    /** A project-year's position; {@code asOf} null means everything recorded. */
    public record Position(String projectId, String code, int fiscalYear, String status, LocalDate asOf,
                           Map<FundSource, FundRow> sources, FundRow total) {
    }

    /** A payment as recorded, with what is left of it after reversals and refunds. */
    public record PaymentState(String projectId, String code, int fiscalYear, ExpenditureRecorded recorded, Money remaining) {
    }

    public Position position(String projectId, LocalDate asOf) {
        Fold fold = fold(projectId, asOf);
        Map<FundSource, FundRow> sources = new EnumMap<>(FundSource.class);
        Money initial = Money.ZERO;
        Money fullYear = Money.ZERO;
        Money executed = Money.ZERO;
        for (FundSource source : FundSource.values()) {
            FundRow row = new FundRow(fold.ledger.initial(source), fold.ledger.fullYear(source), fold.ledger.executed(source));
            sources.put(source, row);
            initial = initial.plus(row.initial());
            fullYear = fullYear.plus(row.fullYear());
            executed = executed.plus(row.executed());
        }
        return new Position(projectId, fold.registered.code(), fold.registered.fiscalYear(), fold.status, asOf, sources,
                new FundRow(initial, fullYear, executed));
    }

    public Optional<PaymentState> payment(String projectId, String paymentReference) {
        Fold fold = fold(projectId, null);
        ExpenditureRecorded recorded = fold.payments.get(paymentReference);
        if (recorded == null) {
            return Optional.empty();
        }
        return Optional.of(new PaymentState(projectId, fold.registered.code(), fold.registered.fiscalYear(), recorded,
                fold.remaining.get(paymentReference)));
    }

    private Fold fold(String projectId, LocalDate asOf) {
        DomainEventStream stream = events.readEvents(projectId, 0);
        Fold fold = new Fold();
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            PublishedEvent event = (PublishedEvent) message.getPayload();
            LocalDate date = event.businessDate() != null ? event.businessDate() : message.getTimestamp().atZone(ZONE).toLocalDate();
            if (fold.registered == null || asOf == null || !date.isAfter(asOf)) {
                fold.apply(event);
            }
        }
        if (fold.registered == null) {
            throw new DomainException.NotFound("unknown-project", "no project-year " + projectId);
        }
        return fold;
    }

    private static final class Fold {
        private ProjectYearRegistered registered;
        private String status;
        private final FundLedger ledger = new FundLedger();
        private final Map<String, ExpenditureRecorded> payments = new LinkedHashMap<>();
        private final Map<String, Money> remaining = new LinkedHashMap<>();

        void apply(PublishedEvent event) {
            if (event instanceof ProjectYearRegistered registration) {
                registered = registration;
                status = "REGISTERED";
            } else if (event instanceof InitialBudgetAllocated allocated) {
                ledger.allocate(allocated.fundSource(), allocated.amount());
            } else if (event instanceof ProjectYearOpened) {
                status = "OPEN";
            } else if (event instanceof BudgetAdjusted adjusted) {
                ledger.adjust(adjusted.fundSource(), adjusted.amount().times(adjusted.kind().sign()));
            } else if (event instanceof ExpenditureRecorded payment) {
                ledger.execute(payment.fundSource(), payment.amount());
                payments.put(payment.paymentReference(), payment);
                remaining.put(payment.paymentReference(), payment.amount());
            } else if (event instanceof ExpenditureReversed reversal) {
                ledger.execute(reversal.fundSource(), reversal.amount().negate());
                remaining.put(reversal.paymentReference(), Money.ZERO);
            } else if (event instanceof ExpenditureRefunded refund) {
                ledger.execute(refund.fundSource(), refund.amount().negate());
                remaining.computeIfPresent(refund.paymentReference(), (reference, left) -> left.minus(refund.amount()));
            } else if (event instanceof ProjectYearClosed) {
                status = "CLOSED";
            }
        }
    }
}
