package io.jixiao.scoring.monitoring;

import io.jixiao.contracts.FundSource;
import io.jixiao.scoring.projection.ReadModel;
import io.jixiao.scoring.rules.FormArithmetic;
import io.jixiao.scoring.rules.RuleSet;
import io.jixiao.scoring.rules.RuleSets;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 序时进度 monitoring: every project-year within reach, its execution rate as of a business date (in total and per
 * fund source, under its rule set) against the time-elapsed benchmark, the gap and the status. The benchmark is
 * linear by day for now; rule sets will carry a jurisdiction's checkpoints and tolerances.
 */
@Component
public class Monitoring {

    private final ReadModel readModel;
    private final RuleSets ruleSets;
    private final TimeElapsed benchmark = TimeElapsed.linear();
    private final ExecutionStatus.Tolerances tolerances = ExecutionStatus.Tolerances.DEFAULT;

    Monitoring(ReadModel readModel, RuleSets ruleSets) {
        this.readModel = readModel;
        this.ruleSets = ruleSets;
    }

    /** One project-year as of a date; percentages as decimal strings (2 places), amounts in 元. */
    public record Line(String projectId, String name, String department, String implementingUnit, int fiscalYear,
                       LocalDate asOf, String fullYear, String executed, String rate, Map<FundSource, String> sourceRates,
                       String benchmark, String gap, ExecutionStatus status) {
    }

    @Transactional(readOnly = true)
    public List<Line> lines(ReadModel.Reach reach, LocalDate asOf) {
        return readModel.projectYears(reach).stream().map(project -> line(project, asOf)).toList();
    }

    private Line line(ReadModel.ProjectYear project, LocalDate asOf) {
        RuleSet rules = ruleSets.ofProject(project.ruleSet());
        Map<FundSource, ReadModel.Amounts> money = readModel.money(project.projectId(), asOf, null);
        ReadModel.Amounts total = ReadModel.Amounts.NONE;
        Map<FundSource, String> sourceRates = new LinkedHashMap<>();
        for (FundSource source : FundSource.values()) {
            ReadModel.Amounts amounts = money.get(source);
            if (amounts != null) {
                total = total.plus(amounts);
                sourceRates.put(source, rate(amounts, rules).toPlainString());
            }
        }
        BigDecimal rate = rate(total, rules);
        BigDecimal expected = benchmark.at(asOf, project.fiscalYear());
        return new Line(project.projectId(), project.name(), project.department(), project.implementingUnit(),
                project.fiscalYear(), asOf, total.fullYear().toPlainString(), total.executed().toPlainString(),
                rate.toPlainString(), sourceRates, expected.toPlainString(), ExecutionStatus.gap(rate, expected).toPlainString(),
                ExecutionStatus.of(rate, expected, tolerances));
    }

    private static BigDecimal rate(ReadModel.Amounts amounts, RuleSet rules) {
        return FormArithmetic.rate(amounts.executed(), amounts.fullYear(), amounts.initial(), rules);
    }
}
