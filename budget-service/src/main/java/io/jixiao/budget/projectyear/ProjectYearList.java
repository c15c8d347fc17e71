package io.jixiao.budget.projectyear;

import io.jixiao.contracts.budget.ProjectYearClosed;
import io.jixiao.contracts.budget.ProjectYearOpened;
import io.jixiao.contracts.budget.ProjectYearRegistered;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The project-years for listing and lookup. Runs on a subscribing processor, so a registration is listed in the
 * same transaction that stores it.
 */
@Component
@ProcessingGroup(ProjectYearList.PROCESSING_GROUP)
public class ProjectYearList {

    static final String PROCESSING_GROUP = "project-list";
    /** A page is at most this long: the list is for people and dashboards, not for bulk export. */
    public static final int MAX_PAGE = 500;

    private final JdbcClient jdbc;

    ProjectYearList(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A listed project-year. */
    public record Entry(String projectId, String code, String name, String department, String implementingUnit,
                        int fiscalYear, String ruleSet, String status) {
    }

    @EventHandler
    void on(ProjectYearRegistered event, @Timestamp Instant recordedAt) {
        jdbc.sql("""
                        insert into project_year_list (project_id, code, name, department, implementing_unit, fiscal_year,
                                                       rule_set, status, registered_at)
                        values (?, ?, ?, ?, ?, ?, ?, 'REGISTERED', ?)
                        """)
                .params(event.projectId(), event.code(), event.name(), event.department(), event.implementingUnit(),
                        event.fiscalYear(), event.ruleSet(), OffsetDateTime.ofInstant(recordedAt, ZoneOffset.UTC))
                .update();
    }

    @EventHandler
    void on(ProjectYearOpened event) {
        status(event.projectId(), "OPEN");
    }

    @EventHandler
    void on(ProjectYearClosed event) {
        status(event.projectId(), "CLOSED");
    }

    private void status(String projectId, String status) {
        jdbc.sql("update project_year_list set status = ? where project_id = ?").params(status, projectId).update();
    }

    public Optional<Entry> find(String projectId) {
        return jdbc.sql("select * from project_year_list where project_id = ?").param(projectId).query(Entry.class).optional();
    }

    /**
     * Project-years in id order after {@code after} (keyset paging), optionally of one fiscal year, and only those of
     * that department and unit when they are given (a caller's reach).
     */
    public List<Entry> list(Integer fiscalYear, String after, int limit, String department, String unit) {
        return jdbc.sql("""
                        select * from project_year_list
                        where (cast(? as integer) is null or fiscal_year = ?) and project_id > ?
                          and (cast(? as text) is null or department = ?)
                          and (cast(? as text) is null or implementing_unit = ?)
                        order by project_id limit ?
                        """)
                .params(fiscalYear, fiscalYear, after == null ? "" : after, department, department, unit, unit,
                        Math.min(limit, MAX_PAGE))
                .query(Entry.class)
                .list();
    }
}
