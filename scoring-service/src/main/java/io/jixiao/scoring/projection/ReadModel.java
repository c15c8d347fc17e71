package io.jixiao.scoring.projection;

import io.jixiao.contracts.EventJson;
import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.PublishedEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read model's typed queries: the projection writes these tables ({@link ReadModelProjection}) and this is the
 * only place that reads them, so no other package knows their columns.
 */
@Component
public class ReadModel {

    private final JdbcClient jdbc;

    ReadModel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A registered project-year as budget-service published it. */
    public record ProjectYear(String projectId, String name, int fiscalYear, String department, String implementingUnit,
                              String ruleSet, String status) {
    }

    /** 年初预算数, 全年预算数 and 全年执行数 of a fund source (or their sum), in 元. */
    public record Amounts(BigDecimal initial, BigDecimal fullYear, BigDecimal executed) {
        public static final Amounts NONE = new Amounts(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

        public Amounts plus(Amounts other) {
            return new Amounts(initial.add(other.initial), fullYear.add(other.fullYear), executed.add(other.executed));
        }
    }

    /** One money event's part in a fund source's figures, in 元 (signed). */
    public record Contribution(String eventId, String eventType, String reference, FundSource fundSource, BigDecimal initial,
                               BigDecimal fullYear, BigDecimal executed, LocalDate businessDate, java.time.Instant recordedAt) {
    }

    /** A project-year's totals for the project list. */
    public record ProjectTotals(ProjectYear project, Amounts total) {
    }

    /** An indicator row as the projection keeps it (texts as published, the parsed values as JSON). */
    public record IndicatorLine(String indicatorId, String level1, String level2, String level3, String target,
                                BigDecimal weight, String actual, boolean boundToExecutionRate, BigDecimal selfScore,
                                BigDecimal reviewedScore) {
    }

    private static final String PROJECT = """
            select project_id, name, fiscal_year, department, implementing_unit, rule_set, status from project_year
            """;

    public Optional<ProjectYear> projectYear(String projectId) {
        return jdbc.sql(PROJECT + " where project_id = ?").param(projectId).query(ProjectYear.class).optional();
    }

    /**
     * Which project-years a query returns: those of a department (and unit); a null department or unit does not
     * narrow. {@link #EVERYTHING} narrows nothing.
     */
    public record Reach(String department, String unit) {
        public static final Reach EVERYTHING = new Reach(null, null);
    }

    public List<ProjectYear> projectYears() {
        return projectYears(Reach.EVERYTHING);
    }

    /**
     * The project-years of a fiscal year (of one department, or all when null) registered by {@code knownAt}, with
     * the lifecycle status they had at the end of {@code asOf} as known then: what a snapshot freezes, the same
     * whenever it is read again.
     */
    public List<ProjectYear> projectYearsKnownAt(int fiscalYear, String department, LocalDate asOf, OffsetDateTime knownAt) {
        return jdbc.sql("""
                        select p.project_id, p.name, p.fiscal_year, p.department, p.implementing_unit, p.rule_set,
                               case when bool_or(e.event_type = 'ProjectYearClosed' and e.business_date <= ?) then 'CLOSED'
                                    when bool_or(e.event_type = 'ProjectYearOpened' and e.business_date <= ?) then 'OPEN'
                                    else 'REGISTERED' end as status
                          from project_year p
                          join applied_event e on e.project_id = p.project_id and e.stream = 'budget' and e.recorded_at <= ?
                         where p.fiscal_year = ? and (cast(? as text) is null or p.department = ?)
                         group by p.project_id, p.name, p.fiscal_year, p.department, p.implementing_unit, p.rule_set
                        having bool_or(e.event_type = 'ProjectYearRegistered')
                         order by p.project_id
                        """)
                .params(asOf, asOf, knownAt, fiscalYear, department, department)
                .query(ProjectYear.class).list();
    }

    /** An event of a project-year's stream with its two dates. */
    public record DatedEvent(String eventId, String stream, String eventType, String reference, LocalDate businessDate,
                             java.time.Instant recordedAt) {
    }

    /**
     * The money and indicator events of a project-year counted under one pair of cut-offs (dated by {@code asOf},
     * recorded by {@code knownAt}) and not under the other: what makes two snapshots differ.
     */
    public List<DatedEvent> eventsInOnlyOne(String projectId, LocalDate asOfA, OffsetDateTime knownAtA,
                                            LocalDate asOfB, OffsetDateTime knownAtB) {
        String inOneOnly = " ((business_date <= ? and recorded_at <= ?) <> (business_date <= ? and recorded_at <= ?))";
        Object[] params = {projectId, asOfA, knownAtA, asOfB, knownAtB};
        List<DatedEvent> events = new ArrayList<>();
        jdbc.sql("select event_id, event_type, reference, business_date, recorded_at from contribution where project_id = ? and"
                        + inOneOnly + " order by recorded_at, event_id")
                .params(params)
                .query((row, number) -> events.add(new DatedEvent(row.getString("event_id"), "budget", row.getString("event_type"),
                        row.getString("reference"), row.getDate("business_date").toLocalDate(), row.getTimestamp("recorded_at").toInstant())))
                .list();
        jdbc.sql("select event_id, envelope, business_date, recorded_at from indicator_fact where project_id = ? and"
                        + inOneOnly + " order by recorded_at, event_id")
                .params(params)
                .query((row, number) -> events.add(new DatedEvent(row.getString("event_id"), "indicator",
                        EventJson.read(row.getString("envelope")).type(), null, row.getDate("business_date").toLocalDate(),
                        row.getTimestamp("recorded_at").toInstant())))
                .list();
        return events;
    }

    /** The project-years within reach, filtered in the query. */
    public List<ProjectYear> projectYears(Reach reach) {
        return jdbc.sql(PROJECT + """
                         where (cast(? as text) is null or department = ?) and (cast(? as text) is null or implementing_unit = ?)
                         order by project_id""")
                .params(reach.department(), reach.department(), reach.unit(), reach.unit())
                .query(ProjectYear.class).list();
    }

    /**
     * The money of a project-year per fund source: the sum of its money events dated up to {@code asOf} and
     * recorded by {@code knownAt} (null: no limit). The same query for the form now and as of a date.
     */
    public Map<FundSource, Amounts> money(String projectId, LocalDate asOf, OffsetDateTime knownAt) {
        Map<FundSource, Amounts> sources = new EnumMap<>(FundSource.class);
        jdbc.sql("""
                        select fund_source, sum(initial) as initial, sum(full_year) as full_year, sum(executed) as executed
                          from contribution
                         where project_id = ? and business_date <= coalesce(?, business_date)
                           and recorded_at <= coalesce(?, recorded_at)
                         group by fund_source
                        """)
                .params(projectId, asOf, knownAt)
                .query((row, number) -> sources.put(FundSource.valueOf(row.getString("fund_source")), new Amounts(
                        row.getBigDecimal("initial"), row.getBigDecimal("full_year"), row.getBigDecimal("executed"))))
                .list();
        return sources;
    }

    /** {@link #money(String, LocalDate, OffsetDateTime)} of many project-years in one query, by project id. */
    public Map<String, Map<FundSource, Amounts>> money(Collection<String> projectIds, LocalDate asOf) {
        return money(projectIds, asOf, null);
    }

    /** The same as known at a time (null: no limit). */
    public Map<String, Map<FundSource, Amounts>> money(Collection<String> projectIds, LocalDate asOf, OffsetDateTime knownAt) {
        Map<String, Map<FundSource, Amounts>> projects = new HashMap<>();
        jdbc.sql("""
                        select project_id, fund_source, sum(initial) as initial, sum(full_year) as full_year, sum(executed) as executed
                          from contribution
                         where project_id = any(cast(? as text[])) and business_date <= coalesce(?, business_date)
                           and recorded_at <= coalesce(?, recorded_at)
                         group by project_id, fund_source
                        """)
                .params(projectIds.toArray(String[]::new), asOf, knownAt)
                .query((row, number) -> projects.computeIfAbsent(row.getString("project_id"), id -> new EnumMap<>(FundSource.class))
                        .put(FundSource.valueOf(row.getString("fund_source")), new Amounts(row.getBigDecimal("initial"),
                                row.getBigDecimal("full_year"), row.getBigDecimal("executed"))))
                .list();
        return projects;
    }

    /** The money of a project-year moved on one business date, all fund sources summed (元). */
    public record DayAmounts(LocalDate date, Amounts amounts) {
    }

    /** Per project-year, the money moved on each business date, in date order: its execution curve. */
    public Map<String, List<DayAmounts>> dailyMoney(Collection<String> projectIds) {
        Map<String, List<DayAmounts>> projects = new HashMap<>();
        jdbc.sql("""
                        select project_id, business_date, sum(initial) as initial, sum(full_year) as full_year, sum(executed) as executed
                          from contribution where project_id = any(cast(? as text[]))
                         group by project_id, business_date order by project_id, business_date
                        """)
                .param(projectIds.toArray(String[]::new))
                .query((row, number) -> projects.computeIfAbsent(row.getString("project_id"), id -> new ArrayList<>())
                        .add(new DayAmounts(row.getDate("business_date").toLocalDate(), new Amounts(row.getBigDecimal("initial"),
                                row.getBigDecimal("full_year"), row.getBigDecimal("executed")))))
                .list();
        return projects;
    }

    /** {@link #indicatorFacts(String, LocalDate, OffsetDateTime)} of many project-years in one query, by project id. */
    public Map<String, List<PublishedEvent>> indicatorFacts(Collection<String> projectIds, LocalDate asOf) {
        return indicatorFacts(projectIds, asOf, null);
    }

    /** The same as known at a time (null: no limit). */
    public Map<String, List<PublishedEvent>> indicatorFacts(Collection<String> projectIds, LocalDate asOf, OffsetDateTime knownAt) {
        Map<String, List<PublishedEvent>> projects = new HashMap<>();
        jdbc.sql("""
                        select f.project_id, f.envelope
                          from indicator_fact f left join project_year p on p.project_id = f.project_id
                         where f.project_id = any(cast(? as text[]))
                           and least(f.business_date, make_date(p.fiscal_year, 12, 31)) <= coalesce(?, f.business_date)
                           and f.recorded_at <= coalesce(?, f.recorded_at)
                         order by f.project_id, f.sequence
                        """)
                .params(projectIds.toArray(String[]::new), asOf, knownAt)
                .query((row, number) -> projects.computeIfAbsent(row.getString("project_id"), id -> new ArrayList<>())
                        .add(EventJson.payload(EventJson.read(row.getString("envelope")))))
                .list();
        return projects;
    }

    /** The running totals per fund source (the execution endpoints: every event counted as it arrived). */
    public Map<FundSource, Amounts> positions(String projectId) {
        Map<FundSource, Amounts> sources = new EnumMap<>(FundSource.class);
        jdbc.sql("select fund_source, initial, full_year, executed from fund_position where project_id = ?")
                .param(projectId)
                .query((row, number) -> sources.put(FundSource.valueOf(row.getString("fund_source")), new Amounts(
                        row.getBigDecimal("initial"), row.getBigDecimal("full_year"), row.getBigDecimal("executed"))))
                .list();
        return sources;
    }

    /** Every project-year within reach with its summed running totals, in id order. */
    public List<ProjectTotals> projectTotals(Reach reach) {
        return jdbc.sql("""
                        select p.project_id, p.name, p.fiscal_year, p.department, p.implementing_unit, p.rule_set, p.status,
                               coalesce(sum(f.initial), 0) as initial, coalesce(sum(f.full_year), 0) as full_year,
                               coalesce(sum(f.executed), 0) as executed
                          from project_year p left join fund_position f on f.project_id = p.project_id
                         where (cast(? as text) is null or p.department = ?) and (cast(? as text) is null or p.implementing_unit = ?)
                         group by p.project_id, p.name, p.fiscal_year, p.department, p.implementing_unit, p.rule_set, p.status
                         order by p.project_id
                        """)
                .params(reach.department(), reach.department(), reach.unit(), reach.unit())
                .query((row, number) -> new ProjectTotals(new ProjectYear(row.getString("project_id"), row.getString("name"),
                        row.getInt("fiscal_year"), row.getString("department"), row.getString("implementing_unit"),
                        row.getString("rule_set"), row.getString("status")), new Amounts(row.getBigDecimal("initial"),
                        row.getBigDecimal("full_year"), row.getBigDecimal("executed"))))
                .list();
    }

    /** The money events behind a project-year's figures, by business date and recording time. */
    public List<Contribution> contributions(String projectId) {
        return jdbc.sql("""
                        select event_id, event_type, reference, fund_source, initial, full_year, executed, business_date, recorded_at
                          from contribution where project_id = ? order by business_date, recorded_at
                        """)
                .param(projectId)
                .query((row, number) -> new Contribution(row.getString("event_id"), row.getString("event_type"),
                        row.getString("reference"), FundSource.valueOf(row.getString("fund_source")), row.getBigDecimal("initial"),
                        row.getBigDecimal("full_year"), row.getBigDecimal("executed"), row.getDate("business_date").toLocalDate(),
                        row.getTimestamp("recorded_at").toInstant()))
                .list();
    }

    /**
     * The indicator stream's facts of a project-year (goal, indicators, actuals, scores) dated up to {@code asOf}
     * and recorded by {@code knownAt} (null: no limit), in the order they happened.
     *
     * <p>A fact dated after its fiscal year ended counts from 31 December of that year. The self-evaluation of a year
     * is made after it: the actuals, scores and goal achievement of 2023 are recorded in January 2024 (and imported
     * history years later), and they belong to the year-end form, so a 2023-Q4 snapshot retaken as known on 10 January
     * holds them, while the Q1 to Q3 forms, dated within the year, do not.
     */
    public List<PublishedEvent> indicatorFacts(String projectId, LocalDate asOf, OffsetDateTime knownAt) {
        return jdbc.sql("""
                        select f.envelope
                          from indicator_fact f left join project_year p on p.project_id = f.project_id
                         where f.project_id = ?
                           and least(f.business_date, make_date(p.fiscal_year, 12, 31)) <= coalesce(?, f.business_date)
                           and f.recorded_at <= coalesce(?, f.recorded_at)
                         order by f.sequence
                        """)
                .params(projectId, asOf, knownAt).query(String.class).list().stream()
                .map(envelope -> EventJson.payload(EventJson.read(envelope))).toList();
    }

    /** The indicator rows as the projection keeps them, in id order. */
    public List<IndicatorLine> indicators(String projectId) {
        return jdbc.sql("""
                        select indicator_id, level1, level2, level3, target, weight, actual, bound_to_execution_rate,
                               self_score, reviewed_score
                          from indicator where project_id = ? and level1 is not null order by indicator_id
                        """)
                .param(projectId)
                .query((row, number) -> new IndicatorLine(row.getString("indicator_id"), row.getString("level1"),
                        row.getString("level2"), row.getString("level3"), row.getString("target"), row.getBigDecimal("weight"),
                        row.getString("actual"), row.getBoolean("bound_to_execution_rate"), row.getBigDecimal("self_score"),
                        row.getBigDecimal("reviewed_score")))
                .list();
    }

    /** How many events of a project-year the read model holds. */
    public long eventsApplied(String projectId) {
        return jdbc.sql("select count(*) from applied_event where project_id = ?").param(projectId).query(Long.class).single();
    }
}
