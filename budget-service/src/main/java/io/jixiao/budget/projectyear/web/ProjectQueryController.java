package io.jixiao.budget.projectyear.web;

import io.jixiao.budget.projectyear.ProjectYearHistory;
import io.jixiao.budget.projectyear.ProjectYearList;
import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.ProjectYearId;
import io.jixiao.contracts.access.Role;
import io.jixiao.platform.security.Allowed;
import io.jixiao.platform.security.Caller;
import io.jixiao.platform.security.Callers;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lookups: the project-years, one project-year, and its budget position now or as of a business date. */
@RestController
@RequestMapping("/projects")
class ProjectQueryController {

    private final ProjectYearList list;
    private final ProjectYearHistory history;
    private final ProjectYearScope scope;

    ProjectQueryController(ProjectYearList list, ProjectYearHistory history, ProjectYearScope scope) {
        this.list = list;
        this.history = history;
        this.scope = scope;
    }

    @GetMapping
    @Allowed(value = {Role.VIEWER, Role.AUDITOR, Role.BUDGET_EDITOR, Role.POSTER, Role.INDICATOR_EDITOR, Role.REVIEWER},
            action = "list-project-years")
    List<ProjectYearList.Entry> list(@RequestParam(required = false) Integer fiscalYear,
                                     @RequestParam(required = false) String after,
                                     @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > ProjectYearList.MAX_PAGE) {
            throw new io.jixiao.contracts.InvalidValueException("limit", "limit must be 1 to " + ProjectYearList.MAX_PAGE);
        }
        Caller caller = Callers.require();
        // filtered in the query: a page holds only what the caller reaches
        return list.list(fiscalYear, after, limit, caller.reachesAllDepartments() ? null : caller.department(), caller.unit());
    }

    @GetMapping("/{projectId}")
    @Allowed(value = {Role.VIEWER, Role.AUDITOR, Role.BUDGET_EDITOR, Role.POSTER, Role.INDICATOR_EDITOR, Role.REVIEWER},
            action = "read-project-year")
    ProjectYearList.Entry find(@PathVariable String projectId) {
        ProjectYearId id = new ProjectYearId(projectId);
        scope.require(id.value());
        return list.find(id.value()).orElseThrow(() -> ProjectYearScope.unknown(id.value()));
    }

    /** Amounts per fund source in 元: 年初预算数, 全年预算数, 全年执行数 and what is still available. */
    record Row(String initial, String fullYear, String executed, String available) {
        static Row of(ProjectYearHistory.FundRow row) {
            return new Row(row.initial().toString(), row.fullYear().toString(), row.executed().toString(), row.available().toString());
        }
    }

    record PositionView(String projectId, int fiscalYear, String status, LocalDate asOf, Row total, Map<FundSource, Row> sources) {
    }

    @GetMapping("/{projectId}/position")
    @Allowed(value = {Role.VIEWER, Role.AUDITOR, Role.BUDGET_EDITOR, Role.POSTER, Role.INDICATOR_EDITOR, Role.REVIEWER},
            action = "read-budget-position")
    PositionView position(@PathVariable String projectId, @RequestParam(required = false) LocalDate asOf) {
        scope.require(new ProjectYearId(projectId).value());
        ProjectYearHistory.Position position = history.position(new ProjectYearId(projectId).value(), asOf);
        Map<FundSource, Row> sources = new LinkedHashMap<>();
        position.sources().forEach((source, row) -> sources.put(source, Row.of(row)));
        return new PositionView(position.projectId(), position.fiscalYear(), position.status(), asOf,
                Row.of(position.total()), sources);
    }
}
