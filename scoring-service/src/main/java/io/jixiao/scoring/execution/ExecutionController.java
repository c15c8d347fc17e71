package io.jixiao.scoring.execution;

import io.jixiao.contracts.access.Role;
import io.jixiao.platform.security.Allowed;
import io.jixiao.scoring.access.ProjectYearScope;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The live funds block (项目资金) of each project-year. */
@RestController
class ExecutionController {

    private final ExecutionQueries queries;
    private final IndicatorActuals indicators;
    private final ProjectYearScope scope;

    ExecutionController(ExecutionQueries queries, IndicatorActuals indicators, ProjectYearScope scope) {
        this.queries = queries;
        this.indicators = indicators;
        this.scope = scope;
    }

    /** The indicators with their actuals as the form shows them; bound ones follow the live execution rate. */
    @GetMapping("/projects/{projectId}/indicators")
    @Allowed(value = {Role.VIEWER, Role.AUDITOR, Role.BUDGET_EDITOR, Role.POSTER, Role.INDICATOR_EDITOR, Role.REVIEWER},
            action = "read-indicator-actuals")
    List<IndicatorActuals.Line> indicators(@PathVariable String projectId) {
        scope.require(projectId);
        queries.execution(projectId).orElseThrow(() -> new UnknownProjectException(projectId));
        return indicators.of(projectId);
    }

    @GetMapping("/projects/{projectId}/execution")
    @Allowed(value = {Role.VIEWER, Role.AUDITOR, Role.BUDGET_EDITOR, Role.POSTER, Role.INDICATOR_EDITOR, Role.REVIEWER},
            action = "read-execution")
    ExecutionView execution(@PathVariable String projectId) {
        scope.require(projectId);
        return queries.execution(projectId).orElseThrow(() -> new UnknownProjectException(projectId));
    }

    @GetMapping("/projects")
    @Allowed(value = {Role.VIEWER, Role.AUDITOR, Role.BUDGET_EDITOR, Role.POSTER, Role.INDICATOR_EDITOR, Role.REVIEWER},
            action = "list-executions")
    List<ExecutionView.Summary> projects() {
        return queries.projects(scope.reach());
    }
}
