package io.jixiao.scoring.projection;

import io.jixiao.contracts.EventEnvelope;
import io.jixiao.contracts.EventJson;
import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.budget.BudgetAdjusted;
import io.jixiao.contracts.budget.ExpenditureRecorded;
import io.jixiao.contracts.budget.ExpenditureRefunded;
import io.jixiao.contracts.budget.ExpenditureReversed;
import io.jixiao.contracts.budget.InitialBudgetAllocated;
import io.jixiao.contracts.budget.ProjectYearClosed;
import io.jixiao.contracts.budget.ProjectYearOpened;
import io.jixiao.contracts.budget.ProjectYearRegistered;
import io.jixiao.contracts.indicator.AnnualGoalAchievementReported;
import io.jixiao.contracts.indicator.AnnualGoalSet;
import io.jixiao.contracts.indicator.EvaluationFinalised;
import io.jixiao.contracts.indicator.IndicatorActualRecorded;
import io.jixiao.contracts.indicator.IndicatorBoundToExecutionRate;
import io.jixiao.contracts.indicator.IndicatorDefined;
import io.jixiao.contracts.indicator.IndicatorScored;
import io.jixiao.contracts.indicator.IndicatorTargetChanged;
import io.jixiao.contracts.indicator.ScoreKind;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.math.BigDecimal.ZERO;

/**
 * The effects of a batch's newly applied events, collected in order and written as a few JDBC batches, one per
 * statement. Writing them grouped by statement instead of interleaved gives the same rows:
 * <ul>
 *   <li>fund positions only ever add, so each (project, fund source) gets the batch's summed delta once;</li>
 *   <li>registrations upsert in order (the last one of a project wins, as before); the lifecycle columns are
 *       derived from all applied events of the project, whose dedup rows are already written, so one refresh
 *       per project after the registrations equals a refresh after each event;</li>
 *   <li>definitions and actuals of an indicator set disjoint columns of the same row, each in order.</li>
 * </ul>
 * {@code ReadModelProjectionTest} checks a batch against the same events applied one at a time.
 */
final class Effects {

    private static final String DEFINE_INDICATOR = """
            insert into indicator (project_id, indicator_id, level1, level2, level3, target, target_parsed, weight, position)
            values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
            on conflict (project_id, indicator_id) do update
               set level1 = excluded.level1, level2 = excluded.level2, level3 = excluded.level3,
                   target = excluded.target, target_parsed = excluded.target_parsed, weight = excluded.weight,
                   position = excluded.position
            """;
    private static final String CHANGE_TARGET =
            "update indicator set target = ?, target_parsed = ?::jsonb, target_version = ? where project_id = ? and indicator_id = ?";
    private static final String RECORD_ACTUAL = """
            insert into indicator (project_id, indicator_id, actual, actual_parsed) values (?, ?, ?, ?::jsonb)
            on conflict (project_id, indicator_id) do update set actual = excluded.actual, actual_parsed = excluded.actual_parsed
            """;
    private static final String BIND = "update indicator set bound_to_execution_rate = true where project_id = ? and indicator_id = ?";
    private static final String SELF_ASSESS =
            "update indicator set self_score = ?, self_deviation = ?, self_imported = ? where project_id = ? and indicator_id = ?";
    private static final String REVIEW =
            "update indicator set reviewed_score = ?, reviewed_deviation = ? where project_id = ? and indicator_id = ?";
    private static final String EXPECTED_GOAL =
            "insert into goal (project_id, expected) values (?, ?) on conflict (project_id) do update set expected = excluded.expected";
    private static final String ACHIEVED_GOAL =
            "insert into goal (project_id, achieved) values (?, ?) on conflict (project_id) do update set achieved = excluded.achieved";
    private static final String FINALISE = """
            insert into evaluation (project_id, funds_weight, warnings, finalised_on) values (?, ?, ?::jsonb, ?)
            on conflict (project_id) do nothing
            """;

    /** Parsed targets and actuals are kept as JSON, in the form they travel in. */
    private static final JsonMapper JSON = JsonMapper.builder().build();


    private final JdbcTemplate batches;
    private final ArrayStatements arrays;

    private final List<Object[]> registrations = new ArrayList<>();
    private final Set<String> lifecycles = new LinkedHashSet<>();
    private final Map<List<String>, FundDelta> funds = new LinkedHashMap<>();
    private final List<Object[]> contributions = new ArrayList<>();
    private final List<Object[]> facts = new ArrayList<>();
    /** Indicator, goal and evaluation writes in event order; runs of the same statement go as one JDBC batch. */
    private final List<Map.Entry<String, Object[]>> inOrder = new ArrayList<>();

    Effects(JdbcTemplate batches, ArrayStatements arrays) {
        this.batches = batches;
        this.arrays = arrays;
    }

    void add(Stream stream, PublishedEvent event, EventEnvelope envelope) {
        long sequence = envelope.sequence();
        // indicator-service's facts, kept with their dates for forms as of a day
        if (stream == Stream.INDICATOR) {
            facts.add(new Object[]{envelope.eventId(), envelope.projectId(), sequence,
                    EventJson.write(event, envelope.eventId(), sequence, envelope.recordedAt()), envelope.businessDate(),
                    Timestamp.from(envelope.recordedAt())});
        }
        if (event instanceof ProjectYearRegistered registered) {
            registrations.add(new Object[]{registered.projectId(), registered.code(), registered.name(),
                    registered.department(), registered.implementingUnit(), registered.fiscalYear(),
                    registered.ruleSet()});
            lifecycles.add(registered.projectId());
        } else if (event instanceof ProjectYearOpened opened) {
            lifecycles.add(opened.projectId());
        } else if (event instanceof ProjectYearClosed closed) {
            lifecycles.add(closed.projectId());
        } else if (event instanceof InitialBudgetAllocated allocated) {
            // also after the opening: a late carry-over (上年结转资金) adds to the initial budget as before
            BigDecimal amount = allocated.amount().amount();
            fund(allocated.projectId(), allocated.fundSource(), FundDelta.initial(amount));
            contribution(envelope, allocated.fundSource(), allocated.documentNumber(), amount, amount, ZERO);
        } else if (event instanceof BudgetAdjusted adjusted) {
            BigDecimal signed = adjusted.kind().sign() < 0 ? adjusted.amount().amount().negate() : adjusted.amount().amount();
            fund(adjusted.projectId(), adjusted.fundSource(), FundDelta.adjusted(signed));
            contribution(envelope, adjusted.fundSource(), adjusted.adjustmentId(), ZERO, signed, ZERO);
        } else if (event instanceof ExpenditureRecorded expenditure) {
            BigDecimal amount = expenditure.amount().amount();
            fund(expenditure.projectId(), expenditure.fundSource(), FundDelta.paid(amount));
            contribution(envelope, expenditure.fundSource(), expenditure.paymentReference(), ZERO, ZERO, amount);
        } else if (event instanceof ExpenditureReversed reversed) {
            BigDecimal amount = reversed.amount().amount();
            fund(reversed.projectId(), reversed.fundSource(), FundDelta.reversed(amount));
            contribution(envelope, reversed.fundSource(), reversed.paymentReference(), ZERO, ZERO, amount.negate());
        } else if (event instanceof ExpenditureRefunded refunded) {
            // projectId is the project-year the refund is booked in: the next year's when the payment's year was closed
            BigDecimal amount = refunded.amount().amount();
            fund(refunded.projectId(), refunded.fundSource(), FundDelta.refunded(amount));
            contribution(envelope, refunded.fundSource(), refunded.refundReference(), ZERO, ZERO, amount.negate());
        } else if (event instanceof IndicatorDefined defined) {
            later(DEFINE_INDICATOR, defined.projectId(), defined.indicatorId(), defined.level1(), defined.level2(),
                    defined.level3(), defined.target().original(), json(defined.target()), defined.weight(), sequence);
        } else if (event instanceof IndicatorTargetChanged changed) {
            later(CHANGE_TARGET, changed.target().original(), json(changed.target()), changed.version(),
                    changed.projectId(), changed.indicatorId());
        } else if (event instanceof IndicatorActualRecorded actual) {
            later(RECORD_ACTUAL, actual.projectId(), actual.indicatorId(), actual.actual().original(), json(actual.actual()));
        } else if (event instanceof IndicatorBoundToExecutionRate bound) {
            later(BIND, bound.projectId(), bound.indicatorId());
        } else if (event instanceof IndicatorScored scored && scored.kind() == ScoreKind.SELF_ASSESSED) {
            later(SELF_ASSESS, scored.score(), scored.deviation(), scored.imported(), scored.projectId(), scored.indicatorId());
        } else if (event instanceof IndicatorScored scored) {
            later(REVIEW, scored.score(), scored.deviation(), scored.projectId(), scored.indicatorId());
        } else if (event instanceof AnnualGoalSet goal) {
            later(EXPECTED_GOAL, goal.projectId(), goal.expected());
        } else if (event instanceof AnnualGoalAchievementReported goal) {
            later(ACHIEVED_GOAL, goal.projectId(), goal.actual());
        } else if (event instanceof EvaluationFinalised finalised) {
            later(FINALISE, finalised.projectId(), finalised.fundsWeight(), json(finalised.warnings()), finalised.businessDate());
        } else {
            throw new EventJson.MalformedEventException("no projection for " + event.getClass().getSimpleName());
        }
    }

    /** A money event's row for explaining and dating the funds block: the signed delta of each column. */
    private void contribution(EventEnvelope envelope, FundSource source, String reference, BigDecimal initial,
                              BigDecimal fullYear, BigDecimal executed) {
        contributions.add(new Object[]{envelope.eventId(), envelope.projectId(), source.name(), envelope.type(), reference, initial,
                fullYear, executed, envelope.businessDate(), Timestamp.from(envelope.recordedAt())});
    }

    private void later(String sql, Object... arguments) {
        inOrder.add(Map.entry(sql, arguments));
    }

    private String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    private void fund(String projectId, FundSource source, FundDelta delta) {
        funds.merge(List.of(projectId, source.name()), delta, FundDelta::plus);
    }

    void write() {
        // the lifecycle columns are left alone here and derived from the applied events just below
        batch("""
                insert into project_year (project_id, code, name, department, implementing_unit, fiscal_year, rule_set)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (project_id) do update
                   set code = excluded.code, name = excluded.name, department = excluded.department,
                       implementing_unit = excluded.implementing_unit, fiscal_year = excluded.fiscal_year,
                       rule_set = excluded.rule_set
                """, registrations);
        // status, opened_on and closed_on from the lifecycle events applied for the project, so the outcome
        // does not depend on whether the registration was applied before them; CLOSED wins over OPEN
        batch("""
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
                """, lifecycles.stream().map(projectId -> new Object[]{projectId, projectId}).toList());
        // full_year and executed move with the parts they are made of, in the same statement (the table's
        // check constraints hold them equal)
        batch("""
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
                """, funds.entrySet().stream().map(fund -> {
                    FundDelta delta = fund.getValue();
                    return new Object[]{fund.getKey().get(0), fund.getKey().get(1), delta.initial(),
                            delta.adjusted(), delta.fullYear(), delta.paid(), delta.reversed(), delta.refunded(),
                            delta.executed()};
                }).toList());
        arrays.insert("""
                insert into contribution (event_id, project_id, fund_source, event_type, reference, initial, full_year,
                                          executed, business_date, recorded_at)
                select * from unnest(?::text[]::varchar[], ?::text[]::varchar[], ?::text[]::varchar[],
                                     ?::text[]::varchar[], ?::text[]::varchar[], ?::text[]::numeric[],
                                     ?::text[]::numeric[], ?::text[]::numeric[], ?::text[]::date[],
                                     ?::text[]::timestamptz[])
                on conflict (event_id) do nothing
                """, contributions);
        batch("""
                insert into indicator_fact (event_id, project_id, sequence, envelope, business_date, recorded_at)
                values (?, ?, ?, ?, ?, ?) on conflict (event_id) do nothing
                """, facts);
        // in event order: a statement may update what an earlier one of another kind wrote
        int from = 0;
        for (int i = 1; i <= inOrder.size(); i++) {
            if (i == inOrder.size() || !inOrder.get(i).getKey().equals(inOrder.get(from).getKey())) {
                batch(inOrder.get(from).getKey(), inOrder.subList(from, i).stream().map(Map.Entry::getValue).toList());
                from = i;
            }
        }
    }

    private void batch(String sql, List<Object[]> rows) {
        if (!rows.isEmpty()) {
            batches.batchUpdate(sql, rows);
        }
    }
}
