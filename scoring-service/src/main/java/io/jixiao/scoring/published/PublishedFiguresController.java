package io.jixiao.scoring.published;

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

    PublishedFiguresController(PublishedFigures figures) {
        this.figures = figures;
    }

    record PublishedRequest(String source, Map<String, String> figures) {
    }

    @PutMapping("/projects/{projectId}/published")
    Map<String, Object> replace(@PathVariable String projectId, @RequestBody PublishedRequest request) {
        String id = new ProjectYearId(projectId).value();
        return Map.of("projectId", id, "figures", figures.replace(id, request.source(), request.figures()));
    }

    @GetMapping("/projects/{projectId}/published")
    Map<String, Object> published(@PathVariable String projectId) {
        String id = new ProjectYearId(projectId).value();
        return Map.of("projectId", id, "figures", figures.of(id));
    }
}
