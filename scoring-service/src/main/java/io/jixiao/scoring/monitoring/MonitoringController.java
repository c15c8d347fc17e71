package io.jixiao.scoring.monitoring;

import io.jixiao.contracts.InvalidValueException;
import io.jixiao.platform.security.Allowed;
import io.jixiao.scoring.access.ProjectYearScope;
import io.jixiao.scoring.projection.ReadModel;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

/** The monitoring list: filtered by department, unit, year and status, sorted, paged; within the caller's reach. */
@RestController
class MonitoringController {

    static final int MAX_PAGE = 500;
    /** Budgets are Chinese fiscal years: "today" is today in Beijing time. */
    static final ZoneId FISCAL_ZONE = ZoneId.of("Asia/Shanghai");

    private final Monitoring monitoring;
    private final ProjectYearScope scope;
    private final Clock clock;

    MonitoringController(Monitoring monitoring, ProjectYearScope scope, org.springframework.beans.factory.ObjectProvider<Clock> clock) {
        this.monitoring = monitoring;
        this.scope = scope;
        this.clock = clock.getIfAvailable(() -> Clock.system(FISCAL_ZONE));
    }

    record Page(LocalDate asOf, int page, int size, int total, List<Monitoring.Line> lines) {
    }

    enum Sort { GAP, RATE, PROJECT }

    @GetMapping("/monitoring")
    @Allowed(value = {io.jixiao.contracts.access.Role.VIEWER, io.jixiao.contracts.access.Role.AUDITOR,
            io.jixiao.contracts.access.Role.BUDGET_EDITOR, io.jixiao.contracts.access.Role.POSTER,
            io.jixiao.contracts.access.Role.INDICATOR_EDITOR, io.jixiao.contracts.access.Role.REVIEWER},
            action = "read-monitoring")
    Page list(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
              @RequestParam(required = false) String department,
              @RequestParam(required = false) String unit,
              @RequestParam(required = false) Integer year,
              @RequestParam(required = false) ExecutionStatus status,
              @RequestParam(defaultValue = "GAP") Sort sort,
              @RequestParam(defaultValue = "0") int page,
              @RequestParam(defaultValue = "100") int size) {
        if (page < 0) {
            throw new InvalidValueException("page", "page must not be negative");
        }
        if (size < 1 || size > MAX_PAGE) {
            throw new InvalidValueException("size", "size must be 1 to " + MAX_PAGE);
        }
        LocalDate date = asOf != null ? asOf : LocalDate.now(clock.withZone(FISCAL_ZONE));
        ReadModel.Reach reach = narrowed(scope.reach(), department, unit);
        List<Monitoring.Line> lines = reach == null ? List.of() : monitoring.lines(reach, date).stream()
                .filter(line -> year == null || year == line.fiscalYear())
                .filter(line -> status == null || status == line.status())
                .sorted(comparator(sort))
                .toList();
        int from = (int) Math.min((long) page * size, lines.size());
        return new Page(date, page, size, lines.size(), lines.subList(from, Math.min(from + size, lines.size())));
    }

    /**
     * The caller's reach narrowed further by the filters, so the query reads only those project-years; null when a
     * filter asks for a department or unit outside the reach (the answer is then empty, not an error).
     */
    static ReadModel.Reach narrowed(ReadModel.Reach reach, String department, String unit) {
        if (department != null && reach.department() != null && !department.equals(reach.department())
                || unit != null && reach.unit() != null && !unit.equals(reach.unit())) {
            return null;
        }
        return new ReadModel.Reach(department != null ? department : reach.department(), unit != null ? unit : reach.unit());
    }

    /** Most lagging first (the gap, ascending), or the lowest rate first, or by id; ties by id. */
    private static Comparator<Monitoring.Line> comparator(Sort sort) {
        Comparator<Monitoring.Line> byId = Comparator.comparing(Monitoring.Line::projectId);
        return switch (sort) {
            case GAP -> Comparator.comparing((Monitoring.Line line) -> new BigDecimal(line.gap())).thenComparing(byId);
            case RATE -> Comparator.comparing((Monitoring.Line line) -> new BigDecimal(line.rate())).thenComparing(byId);
            case PROJECT -> byId;
        };
    }
}
