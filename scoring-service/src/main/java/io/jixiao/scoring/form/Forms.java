package io.jixiao.scoring.form;

import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.PublishedEvent;
import io.jixiao.platform.domain.DomainException;
import io.jixiao.scoring.projection.ReadModel;
import io.jixiao.scoring.published.PublishedFigures;
import io.jixiao.scoring.rules.RuleSets;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
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

    /**
     * The forms of many project-years read in a few queries (for lists of thousands): the live forms when
     * {@code asOf} is null, else as they stood on that business date.
     */
    @Transactional(readOnly = true)
    public Map<String, Form> forms(List<ReadModel.ProjectYear> projects, LocalDate asOf) {
        return forms(projects, asOf, null);
    }

    /** The same as known at a time ({@code knownAt}, null: no limit); dated forms carry no published figures. */
    @Transactional(readOnly = true)
    public Map<String, Form> forms(List<ReadModel.ProjectYear> projects, LocalDate asOf, OffsetDateTime knownAt) {
        List<String> ids = projects.stream().map(ReadModel.ProjectYear::projectId).toList();
        Map<String, Map<FundSource, ReadModel.Amounts>> money = readModel.money(ids, asOf, knownAt);
        Map<String, List<PublishedEvent>> facts = readModel.indicatorFacts(ids, asOf, knownAt);
        boolean dated = asOf != null || knownAt != null;
        Map<String, Map<String, String>> printed = dated ? Map.of() : published.of(ids);
        Map<String, Form> forms = new HashMap<>();
        for (ReadModel.ProjectYear project : projects) {
            String id = project.projectId();
            forms.put(id, FormComputation.compute(new ProjectYearFacts(project, money.getOrDefault(id, Map.of()),
                    facts.getOrDefault(id, List.of()), asOf, knownAt, printed.getOrDefault(id, Map.of())),
                    ruleSets.ofProject(project.ruleSet())));
        }
        return forms;
    }

    private Form compute(ReadModel.ProjectYear project, LocalDate asOf, OffsetDateTime knownAt) {
        boolean dated = asOf != null || knownAt != null;
        String id = project.projectId();
        ProjectYearFacts facts = new ProjectYearFacts(project, readModel.money(id, asOf, knownAt),
                readModel.indicatorFacts(id, asOf, knownAt), asOf, knownAt, dated ? Map.of() : published.of(id));
        return FormComputation.compute(facts, ruleSets.ofProject(project.ruleSet()));
    }
}
