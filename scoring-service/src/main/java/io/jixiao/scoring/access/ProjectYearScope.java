package io.jixiao.scoring.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.jixiao.contracts.access.Role;
import io.jixiao.platform.domain.DomainException;
import io.jixiao.platform.security.Caller;
import io.jixiao.platform.security.Callers;
import io.jixiao.scoring.projection.ReadModel;
import org.springframework.stereotype.Component;

/**
 * Which project-years the caller reaches: those of its 主管部门 (and 实施单位, when narrowed to one). A project-year
 * out of reach answers exactly as an unknown one (404 {@code unknown-project}), so ids cannot be probed; lists are
 * narrowed in their queries ({@link #reach()}).
 */
@Component
public class ProjectYearScope {

    /** Everyone who reads the forms: the roles that work on project-years, and those who watch or audit them. */
    public static final Role[] READERS = {Role.VIEWER, Role.AUDITOR, Role.BUDGET_EDITOR, Role.POSTER,
            Role.INDICATOR_EDITOR, Role.REVIEWER};

    private record Owner(String department, String unit) {
    }

    private final ReadModel readModel;
    /** A project-year's department and unit never change once registered. */
    private final Cache<String, Owner> owners = Caffeine.newBuilder().maximumSize(100_000).build();

    ProjectYearScope(ReadModel readModel) {
        this.readModel = readModel;
    }

    /** Passes when the project-year is known and within the caller's reach; otherwise 404 {@code unknown-project}. */
    public void require(String projectId) {
        Owner owner = owners.getIfPresent(projectId);
        if (owner == null) {
            owner = readModel.projectYear(projectId).map(project -> new Owner(project.department(), project.implementingUnit()))
                    .orElseThrow(() -> unknown(projectId));
            owners.put(projectId, owner);
        }
        if (!Callers.require().reaches(owner.department(), owner.unit())) {
            throw unknown(projectId);
        }
    }

    /**
     * For figures that may arrive before the project-year does (the read model learns of it from Kafka, a moment
     * after budget-service registered it): a caller reaching every department may write for a project-year not yet
     * known here; anyone else only within reach.
     */
    public void requireUnlessNotYetKnown(String projectId) {
        if (owners.getIfPresent(projectId) == null && readModel.projectYear(projectId).isEmpty()
                && Callers.require().reachesAllDepartments()) {
            return;
        }
        require(projectId);
    }

    /** The caller's reach, for the queries of lists. */
    public ReadModel.Reach reach() {
        return reach(Callers.require());
    }

    public static ReadModel.Reach reach(Caller caller) {
        return new ReadModel.Reach(caller.reachesAllDepartments() ? null : caller.department(), caller.unit());
    }

    /** Whether the caller reaches a project-year of that department and unit (for pushed forms). */
    public static boolean reaches(Caller caller, String department, String unit) {
        return caller.reaches(department, unit);
    }

    public static DomainException unknown(String projectId) {
        return new DomainException.NotFound("unknown-project", "no project-year " + projectId + " is registered");
    }
}
