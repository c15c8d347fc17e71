package io.jixiao.scoring.form;

import io.jixiao.platform.domain.DomainException;
import io.jixiao.scoring.projection.ReadModel;
import io.jixiao.scoring.published.PublishedFigures;
import io.jixiao.scoring.rules.RuleSets;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The live form of a project-year: a snapshot of its facts read from the read model, computed under the rule set it
 * was registered with ({@link FormComputation}).
 */
@Component
public class Forms {

    static final String NOT_REPORTED = "未填报";

    private final ReadModel readModel;
    private final RuleSets ruleSets;
    private final PublishedFigures published;

    Forms(ReadModel readModel, RuleSets ruleSets, PublishedFigures published) {
        this.readModel = readModel;
        this.ruleSets = ruleSets;
        this.published = published;
    }

    /** Read in one transaction, so every figure describes the same moment. */
    @Transactional(readOnly = true)
    public Form form(String projectId) {
        return form(projectId, null, null);
    }

    /** The form as it stood on a business date, as known at a time; either may be null for "no limit". */
    @Transactional(readOnly = true)
    public Form form(String projectId, LocalDate asOf, OffsetDateTime knownAt) {
        ReadModel.ProjectYear project = readModel.projectYear(projectId)
                .orElseThrow(() -> new DomainException.NotFound("unknown-project", "no project-year " + projectId));
        return compute(project, asOf, knownAt);
    }

    @Transactional(readOnly = true)
    public List<Form> all() {
        return all(ReadModel.Reach.EVERYTHING);
    }

    /** Every form within reach (the project-years filtered in the query). */
    @Transactional(readOnly = true)
    public List<Form> all(ReadModel.Reach reach) {
        return readModel.projectYears(reach).stream().map(project -> compute(project, null, null)).toList();
    }

    private Form compute(ReadModel.ProjectYear project, LocalDate asOf, OffsetDateTime knownAt) {
        boolean dated = asOf != null || knownAt != null;
        String id = project.projectId();
        ProjectYearFacts facts = new ProjectYearFacts(project, readModel.money(id, asOf, knownAt),
                readModel.indicatorFacts(id, asOf, knownAt), asOf, knownAt, dated ? Map.of() : published.of(id));
        return FormComputation.compute(facts, ruleSets.ofProject(project.ruleSet()));
    }
}
