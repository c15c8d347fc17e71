package io.jixiao.scoring.execution;

import io.jixiao.contracts.FundSource;
import io.jixiao.scoring.rules.RuleSet;
import io.jixiao.scoring.rules.RuleSets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the funds block of project-years from the read model. */
@Component
class ExecutionQueries {

    private final JdbcClient jdbc;
    private final RuleSets ruleSets;

    ExecutionQueries(JdbcClient jdbc, RuleSets ruleSets) {
        this.jdbc = jdbc;
        this.ruleSets = ruleSets;
    }

    record Project(String projectId, String name, int fiscalYear, String status, String ruleSet) {
    }

    /** Read in one transaction so the figures and the event count describe the same moment. */
    @Transactional(readOnly = true)
    public Optional<ExecutionView> execution(String projectId) {
        return jdbc.sql("select project_id, name, fiscal_year, status, rule_set from project_year where project_id = ?")
                .param(projectId)
                .query(Project.class)
                .optional()
                .map(project -> {
                    RuleSet rules = ruleSets.ofProject(project.ruleSet());
                    Map<FundSource, FundFigures> bySource = new EnumMap<>(FundSource.class);
                    jdbc.sql("select fund_source, initial, full_year, executed from fund_position where project_id = ?")
                            .param(projectId)
                            .query((row, number) -> bySource.put(FundSource.valueOf(row.getString("fund_source")),
                                    new FundFigures(row.getBigDecimal("initial"), row.getBigDecimal("full_year"),
                                            row.getBigDecimal("executed"))))
                            .list();
                    FundFigures total = FundFigures.NONE;
                    Map<String, ExecutionView.Figures> sources = new LinkedHashMap<>();
                    for (FundSource source : FundSource.values()) {
                        FundFigures figures = bySource.getOrDefault(source, FundFigures.NONE);
                        total = total.plus(figures);
                        sources.put(source.name(), ExecutionView.Figures.of(figures, rules));
                    }
                    long eventsApplied = jdbc.sql("select count(*) from applied_event where project_id = ?")
                            .param(projectId)
                            .query(Long.class)
                            .single();
                    return new ExecutionView(project.projectId(), project.name(), project.fiscalYear(),
                            project.status(), ExecutionView.Figures.of(total, rules), sources, eventsApplied);
                });
    }

    public List<ExecutionView.Summary> projects() {
        return jdbc.sql("""
                        select p.project_id, p.name, p.fiscal_year, p.status, p.rule_set,
                               coalesce(sum(f.initial), 0) as initial, coalesce(sum(f.full_year), 0) as full_year,
                               coalesce(sum(f.executed), 0) as executed
                          from project_year p left join fund_position f on f.project_id = p.project_id
                         group by p.project_id, p.name, p.fiscal_year, p.status, p.rule_set
                         order by p.project_id
                        """)
                .query((row, number) -> new ExecutionView.Summary(row.getString("project_id"), row.getString("name"),
                        row.getInt("fiscal_year"), row.getString("status"),
                        ExecutionView.text(new FundFigures(row.getBigDecimal("initial"), row.getBigDecimal("full_year"),
                                row.getBigDecimal("executed")).rate(ruleSets.ofProject(row.getString("rule_set"))))))
                .list();
    }
}
