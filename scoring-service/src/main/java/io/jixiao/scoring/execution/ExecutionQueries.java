package io.jixiao.scoring.execution;

import io.jixiao.contracts.FundSource;
import io.jixiao.scoring.projection.ReadModel;
import io.jixiao.scoring.rules.RuleSet;
import io.jixiao.scoring.rules.RuleSets;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The funds block of project-years, from the read model's running totals. */
@Component
class ExecutionQueries {

    private final ReadModel readModel;
    private final RuleSets ruleSets;

    ExecutionQueries(ReadModel readModel, RuleSets ruleSets) {
        this.readModel = readModel;
        this.ruleSets = ruleSets;
    }

    /** Read in one transaction so the figures and the event count describe the same moment. */
    @Transactional(readOnly = true)
    public Optional<ExecutionView> execution(String projectId) {
        return readModel.projectYear(projectId).map(project -> {
            RuleSet rules = ruleSets.ofProject(project.ruleSet());
            Map<FundSource, ReadModel.Amounts> positions = readModel.positions(projectId);
            FundFigures total = FundFigures.NONE;
            Map<String, ExecutionView.Figures> sources = new LinkedHashMap<>();
            for (FundSource source : FundSource.values()) {
                FundFigures figures = FundFigures.of(positions.getOrDefault(source, ReadModel.Amounts.NONE));
                total = total.plus(figures);
                sources.put(source.name(), ExecutionView.Figures.of(figures, rules));
            }
            return new ExecutionView(project.projectId(), project.name(), project.fiscalYear(), project.status(),
                    ExecutionView.Figures.of(total, rules), sources, readModel.eventsApplied(projectId));
        });
    }

    public List<ExecutionView.Summary> projects(ReadModel.Reach reach) {
        return readModel.projectTotals(reach).stream().map(line -> new ExecutionView.Summary(line.project().projectId(),
                line.project().name(), line.project().fiscalYear(), line.project().status(),
                ExecutionView.text(FundFigures.of(line.total()).rate(ruleSets.ofProject(line.project().ruleSet()))))).toList();
    }
}
