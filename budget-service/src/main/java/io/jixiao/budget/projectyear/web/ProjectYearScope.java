package io.jixiao.budget.projectyear.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.jixiao.budget.projectyear.ProjectYearList;
import io.jixiao.platform.domain.DomainException;
import io.jixiao.platform.security.AccessRefused;
import io.jixiao.platform.security.Caller;
import io.jixiao.platform.security.Callers;
import org.springframework.stereotype.Component;

/**
 * Which project-years the caller reaches: those of its 主管部门 (and 实施单位, when it is narrowed to one). A
 * project-year out of reach answers exactly as one that does not exist (404 {@code unknown-project}), so ids cannot
 * be probed. A project-year's department and unit never change, so they are cached once seen.
 */
@Component
class ProjectYearScope {

    record Owner(String department, String unit) {
    }

    private final ProjectYearList list;
    private final Cache<String, Owner> owners = Caffeine.newBuilder().maximumSize(100_000).build();

    ProjectYearScope(ProjectYearList list) {
        this.list = list;
    }

    /** Passes when the caller reaches the project-year; otherwise the same 404 an unknown id gets. */
    void require(String projectId) {
        if (!reaches(Callers.require(), projectId)) {
            throw unknown(projectId);
        }
    }

    boolean reaches(Caller caller, String projectId) {
        Owner owner = owner(projectId);
        return owner != null && caller.reaches(owner.department(), owner.unit());
    }

    /** A new project-year may be registered only within the caller's own department (and unit). */
    void requireRegistrable(String department, String unit) {
        if (!Callers.require().reaches(department, unit)) {
            throw new AccessRefused("department-not-yours", "project-years of " + department + " are registered by that department");
        }
    }

    static DomainException unknown(String projectId) {
        return new DomainException.NotFound("unknown-project", "no project-year " + projectId);
    }

    private Owner owner(String projectId) {
        Owner cached = owners.getIfPresent(projectId);
        if (cached != null) {
            return cached;
        }
        Owner found = list.find(projectId).map(entry -> new Owner(entry.department(), entry.implementingUnit())).orElse(null);
        if (found != null) {
            owners.put(projectId, found);
        }
        return found;
    }
}
