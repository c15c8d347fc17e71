package io.jixiao.scoring.projection;

import io.jixiao.contracts.EventEnvelope;
import io.jixiao.contracts.EventJson;
import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.budget.ExpenditureRecorded;
import io.jixiao.contracts.budget.InitialBudgetAllocated;
import io.jixiao.contracts.budget.ProjectYearRegistered;
import io.jixiao.contracts.indicator.IndicatorActualRecorded;
import io.jixiao.contracts.indicator.IndicatorDefined;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.util.Objects;

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
        } else if (event instanceof InitialBudgetAllocated allocated) {
            // the full-year budget starts at the initial one; in-year adjustments will move it later
            jdbc.sql("""
                            insert into fund_position (project_id, fund_source, initial, full_year, executed)
                            values (?, ?, ?, ?, 0)
                            on conflict (project_id, fund_source) do update
                               set initial = fund_position.initial + excluded.initial,
                                   full_year = fund_position.full_year + excluded.full_year
                            """)
                    .params(allocated.projectId(), allocated.fundSource().name(), allocated.amount().amount(),
                            allocated.amount().amount())
                    .update();
        } else if (event instanceof ExpenditureRecorded expenditure) {
            jdbc.sql("""
                            insert into fund_position (project_id, fund_source, initial, full_year, executed)
                            values (?, ?, 0, 0, ?)
                            on conflict (project_id, fund_source) do update
                               set executed = fund_position.executed + excluded.executed
                            """)
                    .params(expenditure.projectId(), expenditure.fundSource().name(), expenditure.amount().amount())
                    .update();
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
}
