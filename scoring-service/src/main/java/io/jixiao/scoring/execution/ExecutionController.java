package io.jixiao.scoring.execution;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The live funds block (项目资金) of each project-year. */
@RestController
class ExecutionController {

    private final ExecutionQueries queries;
    private final IndicatorActuals indicators;

    ExecutionController(ExecutionQueries queries, IndicatorActuals indicators) {
        this.queries = queries;
        this.indicators = indicators;
    }

    /** The indicators with their actuals as the form shows them; bound ones follow the live execution rate. */
    @GetMapping("/projects/{projectId}/indicators")
    List<IndicatorActuals.Line> indicators(@PathVariable String projectId) {
        queries.execution(projectId).orElseThrow(() -> new UnknownProjectException(projectId));
        return indicators.of(projectId);
    }

    @GetMapping("/projects/{projectId}/execution")
    ExecutionView execution(@PathVariable String projectId) {
        return queries.execution(projectId).orElseThrow(() -> new UnknownProjectException(projectId));
    }

    @GetMapping("/projects")
    List<ExecutionView.Summary> projects() {
        return queries.projects();
    }
}
