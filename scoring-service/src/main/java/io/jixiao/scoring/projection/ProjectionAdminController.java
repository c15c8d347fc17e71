package io.jixiao.scoring.projection;

import io.jixiao.contracts.access.Role;
import io.jixiao.platform.security.Allowed;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Operations on the projection: rebuild it from the start of the topics, and watch the rebuild's progress. */
@RestController
class ProjectionAdminController {

    private final ProjectionRebuild rebuild;

    ProjectionAdminController(ProjectionRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @PostMapping("/admin/projection/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Allowed(value = Role.ADMIN, action = "rebuild-projection")
    ProjectionRebuild.Progress rebuild() {
        return rebuild.start();
    }

    @GetMapping("/admin/projection/rebuild")
    @Allowed(value = {Role.ADMIN, Role.AUDITOR}, action = "read-rebuild-progress")
    ProjectionRebuild.Progress progress() {
        return rebuild.progress();
    }
}
