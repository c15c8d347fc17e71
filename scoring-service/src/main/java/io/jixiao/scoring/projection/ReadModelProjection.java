package io.jixiao.scoring.projection;

import io.jixiao.contracts.EventEnvelope;
import io.jixiao.contracts.EventJson;
import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.budget.BudgetAdjusted;
import io.jixiao.contracts.budget.ExpenditureRecorded;
import io.jixiao.contracts.budget.ExpenditureRefunded;
import io.jixiao.contracts.budget.ExpenditureReversed;
import io.jixiao.contracts.budget.InitialBudgetAllocated;
import io.jixiao.contracts.budget.ProjectYearClosed;
import io.jixiao.contracts.budget.ProjectYearOpened;
import io.jixiao.contracts.budget.ProjectYearRegistered;
import io.jixiao.contracts.indicator.IndicatorActualRecorded;
import io.jixiao.contracts.indicator.IndicatorDefined;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.Objects;

import static java.math.BigDecimal.ZERO;

/**
 * Applies one consumed record to the read model. The dedup row, the event's effect and the consumer position
 * commit in one transaction: after a crash either all three are there or none is, so a redelivery is either
 * skipped by the dedup key or applied for the first time, never counted twice.
 */
@Component
class ReadModelProjection {

    enum Outcome { APPLIED, DUPLICATE }

    private final JdbcClient jdbc;
    private final ConsumerPositions positions;
    private final TransactionTemplate transaction;

    ReadModelProjection(JdbcClient jdbc, ConsumerPositions positions, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.positions = positions;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    Outcome apply(ConsumerRecord<String, String> record) {
        Stream stream = Stream.ofTopic(record.topic());
        // parsed before the transaction: a malformed record needs no connection and is never retried
        EventEnvelope envelope = EventJson.read(record.value());
        PublishedEvent event = EventJson.payload(envelope);
        return Objects.requireNonNull(transaction.execute(status -> {
            Outcome outcome = markApplied(stream, envelope) ? Outcome.APPLIED : Outcome.DUPLICATE;
            if (outcome == Outcome.APPLIED) {
                applyEffect(event);
            } else {
                requireSameEvent(stream, envelope);
            }
            positions.advance(record.topic(), record.partition(), record.offset() + 1);
            return outcome;
        }));
    }

    /** True when this (stream, project, sequence) had not been applied before. */
    private boolean markApplied(Stream stream, EventEnvelope envelope) {
        return jdbc.sql("""
                        insert into applied_event (stream, project_id, sequence, event_id, event_type, business_date, recorded_at)
                        values (?, ?, ?, ?, ?, ?, ?)
                        on conflict do nothing
                        """)
                .params(stream.column(), envelope.projectId(), envelope.sequence(), envelope.eventId(), envelope.type(),
                        envelope.businessDate(), Timestamp.from(envelope.recordedAt()))
                .update() == 1;
    }

    /** A redelivery carries the same event id; anything else under a known key is a conflict, not a duplicate. */
    private void requireSameEvent(Stream stream, EventEnvelope envelope) {
        String stored = jdbc.sql("select event_id from applied_event where stream = ? and project_id = ? and sequence = ?")
                .params(stream.column(), envelope.projectId(), envelope.sequence())
                .query(String.class)
                .optional()
                .orElse(null);
        if (!envelope.eventId().equals(stored)) {
            throw new SequenceConflictException("event " + envelope.eventId() + " (" + stream.column() + ' '
                    + envelope.projectId() + " #" + envelope.sequence() + ") collides with applied event " + stored);
        }
    }

    private void applyEffect(PublishedEvent event) {
        if (event instanceof ProjectYearRegistered registered) {
            // the lifecycle columns are left alone here and derived from the applied events just below
            jdbc.sql("""
                            insert into project_year (project_id, code, name, department, implementing_unit, fiscal_year, rule_set)
                            values (?, ?, ?, ?, ?, ?, ?)
                            on conflict (project_id) do update
                               set code = excluded.code, name = excluded.name, department = excluded.department,
                                   implementing_unit = excluded.implementing_unit, fiscal_year = excluded.fiscal_year,
                                   rule_set = excluded.rule_set
                            """)
                    .params(registered.projectId(), registered.code(), registered.name(), registered.department(),
                            registered.implementingUnit(), registered.fiscalYear(), registered.ruleSet())
                    .update();
            refreshLifecycle(registered.projectId());
        } else if (event instanceof ProjectYearOpened opened) {
            refreshLifecycle(opened.projectId());
        } else if (event instanceof ProjectYearClosed closed) {
            refreshLifecycle(closed.projectId());
        } else if (event instanceof InitialBudgetAllocated allocated) {
            // also after the opening: a late carry-over (上年结转资金) adds to the initial budget as before
            add(allocated.projectId(), allocated.fundSource(), FundDelta.initial(allocated.amount().amount()));
        } else if (event instanceof BudgetAdjusted adjusted) {
            BigDecimal amount = adjusted.amount().amount();
            add(adjusted.projectId(), adjusted.fundSource(),
                    FundDelta.adjusted(adjusted.kind().sign() < 0 ? amount.negate() : amount));
        } else if (event instanceof ExpenditureRecorded expenditure) {
            add(expenditure.projectId(), expenditure.fundSource(), FundDelta.paid(expenditure.amount().amount()));
        } else if (event instanceof ExpenditureReversed reversed) {
            add(reversed.projectId(), reversed.fundSource(), FundDelta.reversed(reversed.amount().amount()));
        } else if (event instanceof ExpenditureRefunded refunded) {
            // projectId is the project-year the refund is booked in: the next year's when the payment's year was closed
            add(refunded.projectId(), refunded.fundSource(), FundDelta.refunded(refunded.amount().amount()));
        } else if (event instanceof IndicatorDefined defined) {
            jdbc.sql("""
                            insert into indicator (project_id, indicator_id, level1, level2, level3, target, weight)
                            values (?, ?, ?, ?, ?, ?, ?)
                            on conflict (project_id, indicator_id) do update
                               set level1 = excluded.level1, level2 = excluded.level2, level3 = excluded.level3,
                                   target = excluded.target, weight = excluded.weight
                            """)
                    .params(defined.projectId(), defined.indicatorId(), defined.level1(), defined.level2(),
                            defined.level3(), defined.target(), defined.weight())
                    .update();
        } else if (event instanceof IndicatorActualRecorded actual) {
            jdbc.sql("""
                            insert into indicator (project_id, indicator_id, actual) values (?, ?, ?)
                            on conflict (project_id, indicator_id) do update set actual = excluded.actual
                            """)
                    .params(actual.projectId(), actual.indicatorId(), actual.actual())
                    .update();
        } else {
            throw new EventJson.MalformedEventException("no projection for " + event.getClass().getSimpleName());
        }
    }

    /**
     * Moves one fund source of a project-year. full_year and executed move by the same event in the same statement
     * as the parts they are made of (the table's check constraints hold them equal).
     */
    private void add(String projectId, FundSource source, FundDelta delta) {
        jdbc.sql("""
                        insert into fund_position (project_id, fund_source, initial, adjusted, full_year,
                                                   paid, reversed, refunded, executed)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (project_id, fund_source) do update
                           set initial   = fund_position.initial   + excluded.initial,
                               adjusted  = fund_position.adjusted  + excluded.adjusted,
                               full_year = fund_position.full_year + excluded.full_year,
                               paid      = fund_position.paid      + excluded.paid,
                               reversed  = fund_position.reversed  + excluded.reversed,
                               refunded  = fund_position.refunded  + excluded.refunded,
                               executed  = fund_position.executed  + excluded.executed
                        """)
                .params(projectId, source.name(), delta.initial(), delta.adjusted(), delta.fullYear(),
                        delta.paid(), delta.reversed(), delta.refunded(), delta.executed())
                .update();
    }

    /**
     * Derives status, opened_on and closed_on from the lifecycle events applied for the project, so the outcome
     * does not depend on whether the registration was applied before them; CLOSED wins over OPEN.
     */
    private void refreshLifecycle(String projectId) {
        jdbc.sql("""
                        with lifecycle as (
                            select min(business_date) filter (where event_type = 'ProjectYearOpened') as opened_on,
                                   min(business_date) filter (where event_type = 'ProjectYearClosed') as closed_on,
                                   bool_or(event_type = 'ProjectYearOpened') as opened,
                                   bool_or(event_type = 'ProjectYearClosed') as closed
                              from applied_event
                             where stream = 'budget' and project_id = ?
                               and event_type in ('ProjectYearOpened', 'ProjectYearClosed'))
                        update project_year
                           set opened_on = lifecycle.opened_on,
                               closed_on = lifecycle.closed_on,
                               status = case when lifecycle.closed then 'CLOSED'
                                             when lifecycle.opened then 'OPEN'
                                             else 'REGISTERED' end
                          from lifecycle
                         where project_year.project_id = ?
                        """)
                .params(projectId, projectId)
                .update();
    }

    /** What one event adds to each column of a fund position; full_year and executed follow from the parts. */
    private record FundDelta(BigDecimal initial, BigDecimal adjusted, BigDecimal paid, BigDecimal reversed,
                             BigDecimal refunded) {

        static FundDelta initial(BigDecimal amount) {
            return new FundDelta(amount, ZERO, ZERO, ZERO, ZERO);
        }

        static FundDelta adjusted(BigDecimal signedAmount) {
            return new FundDelta(ZERO, signedAmount, ZERO, ZERO, ZERO);
        }

        static FundDelta paid(BigDecimal amount) {
            return new FundDelta(ZERO, ZERO, amount, ZERO, ZERO);
        }

        static FundDelta reversed(BigDecimal amount) {
            return new FundDelta(ZERO, ZERO, ZERO, amount, ZERO);
        }

        static FundDelta refunded(BigDecimal amount) {
            return new FundDelta(ZERO, ZERO, ZERO, ZERO, amount);
        }

        BigDecimal fullYear() {
            return initial.add(adjusted);
        }

        BigDecimal executed() {
            return paid.subtract(reversed).subtract(refunded);
        }
    }
}
