package io.jixiao.scoring.execution;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The live funds block (项目资金) of each project-year. */
@RestController
class ExecutionController {

    private final ExecutionQueries queries;

    ExecutionController(ExecutionQueries queries) {
        this.queries = queries;
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
