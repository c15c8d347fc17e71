package io.jixiao.scoring.published;

import io.jixiao.contracts.access.Role;
import io.jixiao.platform.security.Allowed;
import io.jixiao.scoring.access.ProjectYearScope;
import io.jixiao.contracts.ProjectYearId;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** What a project-year's published form printed; the live form flags every figure it does not reproduce. */
@RestController
class PublishedFiguresController {

    private final PublishedFigures figures;
    private final ProjectYearScope scope;

    PublishedFiguresController(PublishedFigures figures, ProjectYearScope scope) {
        this.figures = figures;
        this.scope = scope;
    }

    record PublishedRequest(String source, Map<String, String> figures) {
    }

    @PutMapping("/projects/{projectId}/published")
    @Allowed(value = {Role.INDICATOR_EDITOR, Role.BUDGET_EDITOR}, action = "record-published-figures")
    Map<String, Object> replace(@PathVariable String projectId, @RequestBody PublishedRequest request) {
        String id = new ProjectYearId(projectId).value();
        scope.requireUnlessNotYetKnown(id);
        return Map.of("projectId", id, "figures", figures.replace(id, request.source(), request.figures()));
    }

    @GetMapping("/projects/{projectId}/published")
    @Allowed(value = {Role.VIEWER, Role.AUDITOR, Role.BUDGET_EDITOR, Role.POSTER, Role.INDICATOR_EDITOR, Role.REVIEWER},
            action = "read-published-figures")
    Map<String, Object> published(@PathVariable String projectId) {
        String id = new ProjectYearId(projectId).value();
        scope.requireUnlessNotYetKnown(id);
        return Map.of("projectId", id, "figures", figures.of(id));
    }
}
