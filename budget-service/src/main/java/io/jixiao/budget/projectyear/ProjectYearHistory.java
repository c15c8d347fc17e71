package io.jixiao.budget.projectyear;

import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.budget.ExpenditureRecorded;
import io.jixiao.platform.domain.DomainException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
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
        ProjectYearState state = fold(projectId, asOf);
        FundLedger ledger = state.ledger();
        Map<FundSource, FundRow> sources = new EnumMap<>(FundSource.class);
        Money initial = Money.ZERO;
        Money fullYear = Money.ZERO;
        Money executed = Money.ZERO;
        for (FundSource source : FundSource.values()) {
            FundRow row = new FundRow(ledger.initial(source), ledger.fullYear(source), ledger.executed(source));
            sources.put(source, row);
            initial = initial.plus(row.initial());
            fullYear = fullYear.plus(row.fullYear());
            executed = executed.plus(row.executed());
        }
        return new Position(projectId, state.registered().code(), state.fiscalYear(), state.status().name(), asOf, sources,
                new FundRow(initial, fullYear, executed));
    }

    public Optional<PaymentState> payment(String projectId, String paymentReference) {
        ProjectYearState state = fold(projectId, null);
        ProjectYearState.Payment payment = state.payment(paymentReference);
        if (payment == null) {
            return Optional.empty();
        }
        return Optional.of(new PaymentState(projectId, state.registered().code(), state.fiscalYear(), payment.recorded(),
                payment.remaining()));
    }

    /** The project-year's state from its events dated up to {@code asOf} (all of them when null). */
    private ProjectYearState fold(String projectId, LocalDate asOf) {
        DomainEventStream stream = events.readEvents(projectId, 0);
        ProjectYearState state = new ProjectYearState();
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            PublishedEvent event = (PublishedEvent) message.getPayload();
            LocalDate date = event.businessDate() != null ? event.businessDate() : message.getTimestamp().atZone(ZONE).toLocalDate();
            if (!state.isRegistered() || asOf == null || !date.isAfter(asOf)) {
                state.apply(event);
            }
        }
        if (!state.isRegistered()) {
            throw new DomainException.NotFound("unknown-project", "no project-year " + projectId);
        }
        return state;
    }
}
