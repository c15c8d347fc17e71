package io.jixiao.scoring.monitoring;

import io.jixiao.contracts.InvalidValueException;
import io.jixiao.contracts.access.Role;
import io.jixiao.platform.security.Allowed;
import io.jixiao.scoring.access.ProjectYearScope;
import io.jixiao.scoring.projection.ReadModel;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The monitoring list (filtered, sorted on any column, paged), the totals per department or unit, and one
 * project-year's execution history; always within the caller's reach.
 */
@RestController
class MonitoringController {

    static final int MAX_PAGE = 500;
    static final int MAX_QUERY = 100;

    private final Monitoring monitoring;
    private final ProjectYearScope scope;

    MonitoringController(Monitoring monitoring, ProjectYearScope scope) {
        this.monitoring = monitoring;
        this.scope = scope;
    }

    record Page(LocalDate asOf, int page, int size, int total, List<Monitoring.Line> lines) {
    }

    /** The columns a list sorts on; ties by project id. */
    enum Sort {
        GAP(line -> decimal(line.gap())), RATE(line -> decimal(line.rate())), PROJECT(Monitoring.Line::projectId),
        NAME(Monitoring.Line::name), DEPARTMENT(Monitoring.Line::department), UNIT(Monitoring.Line::implementingUnit),
        YEAR(Monitoring.Line::fiscalYear), FULL_YEAR(line -> decimal(line.fullYear())), EXECUTED(line -> decimal(line.executed())),
        BENCHMARK(line -> decimal(line.benchmark())), STATUS(Monitoring.Line::status), LAGGING_SINCE(Monitoring.Line::laggingSince),
        SCORE(line -> decimal(line.total())), GRADE(Monitoring.Line::grade), MISSING(line -> line.missingActuals().size());

        private final Function<Monitoring.Line, Comparable<?>> key;

        Sort(Function<Monitoring.Line, Comparable<?>> key) {
            this.key = key;
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        Comparator<Monitoring.Line> comparator(Direction direction) {
            // blanks (no score yet, not lagging) last in either direction
            Comparator<Comparable> values = direction == Direction.ASC ? Comparator.naturalOrder() : Comparator.reverseOrder();
            Comparator<Monitoring.Line> by = Comparator.comparing(line -> (Comparable) key.apply(line), Comparator.nullsLast(values));
            return by.thenComparing(Monitoring.Line::projectId);
        }
    }

    enum Direction { ASC, DESC }

    /**
     * Without {@code asOf}, the live forms as of today; with it, as they stood at the end of that business date.
     * {@code lagging=true} keeps the red ones; {@code q} searches name and id.
     */
    @GetMapping("/monitoring")
    @Allowed(value = {Role.VIEWER, Role.AUDITOR, Role.BUDGET_EDITOR, Role.POSTER, Role.INDICATOR_EDITOR, Role.REVIEWER},
            action = "read-monitoring")
    Page list(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
              @RequestParam(required = false) String department,
              @RequestParam(required = false) String unit,
              @RequestParam(required = false) Integer year,
              @RequestParam(required = false) ExecutionStatus status,
              @RequestParam(defaultValue = "false") boolean lagging,
              @RequestParam(required = false) String q,
              @RequestParam(defaultValue = "GAP") Sort sort,
              @RequestParam(required = false) Direction direction,
              @RequestParam(defaultValue = "0") int page,
              @RequestParam(defaultValue = "100") int size) {
        if (page < 0) {
            throw new InvalidValueException("page", "page must not be negative");
        }
        if (size < 1 || size > MAX_PAGE) {
            throw new InvalidValueException("size", "size must be 1 to " + MAX_PAGE);
        }
        if (q != null && q.length() > MAX_QUERY) {
            throw new InvalidValueException("q", "q is at most " + MAX_QUERY + " characters");
        }
        String search = q == null || q.isBlank() ? null : q.strip().toLowerCase(Locale.ROOT);
        // most lagging (or lowest) first unless asked otherwise; names and dates A to Z
        Direction order = direction != null ? direction
                : sort == Sort.SCORE || sort == Sort.MISSING || sort == Sort.FULL_YEAR || sort == Sort.EXECUTED
                ? Direction.DESC : Direction.ASC;
        List<Monitoring.Line> lines = linesInReach(asOf, department, unit).stream()
                .filter(line -> year == null || year == line.fiscalYear())
                .filter(line -> status == null || status == line.status())
                .filter(line -> !lagging || line.status() == ExecutionStatus.RED)
                .filter(line -> search == null || contains(line.name(), search) || contains(line.projectId(), search))
                .sorted(sort.comparator(order))
                .toList();
        int from = (int) Math.min((long) page * size, lines.size());
        return new Page(asOf != null ? asOf : monitoring.today(), page, size, lines.size(),
                lines.subList(from, Math.min(from + size, lines.size())));
    }

    record Groups(LocalDate asOf, Monitoring.GroupBy by, List<Monitoring.Group> groups) {
    }

    /** Totals per department (or per department and unit) and fiscal year, of the project-years within reach. */
    @GetMapping("/monitoring/departments")
    @Allowed(value = {Role.VIEWER, Role.AUDITOR, Role.BUDGET_EDITOR, Role.POSTER, Role.INDICATOR_EDITOR, Role.REVIEWER},
            action = "read-monitoring-departments")
    Groups departments(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                       @RequestParam(required = false) String department,
                       @RequestParam(required = false) Integer year,
                       @RequestParam(defaultValue = "DEPARTMENT") Monitoring.GroupBy by) {
        List<Monitoring.Line> lines = linesInReach(asOf, department, null).stream()
                .filter(line -> year == null || year == line.fiscalYear()).toList();
        return new Groups(asOf != null ? asOf : monitoring.today(), by, Monitoring.groups(lines, by));
    }

    /** The execution curve of one project-year up to {@code asOf} (default today), by day or by week. */
    @GetMapping("/projects/{projectId}/execution/history")
    @Allowed(value = {Role.VIEWER, Role.AUDITOR, Role.BUDGET_EDITOR, Role.POSTER, Role.INDICATOR_EDITOR, Role.REVIEWER},
            action = "read-execution-history")
    Monitoring.History history(@PathVariable String projectId,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                               @RequestParam(defaultValue = "DAY") Monitoring.Step by) {
        scope.require(projectId);
        return monitoring.history(projectId, asOf != null ? asOf : monitoring.today(), by);
    }

    private List<Monitoring.Line> linesInReach(LocalDate asOf, String department, String unit) {
        ReadModel.Reach reach = narrowed(scope.reach(), department, unit);
        return reach == null ? List.of() : monitoring.lines(reach, asOf);
    }

    private static boolean contains(String text, String search) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(search);
    }

    private static BigDecimal decimal(String text) {
        return text == null ? null : new BigDecimal(text);
    }

    /**
     * The caller's reach narrowed further by the filters, so the query reads only those project-years; null when a
     * filter asks for a department or unit outside the reach (the answer is then empty, not an error).
     */
    static ReadModel.Reach narrowed(ReadModel.Reach reach, String department, String unit) {
        department = department == null || department.isBlank() ? null : department;
        unit = unit == null || unit.isBlank() ? null : unit;
        if (department != null && reach.department() != null && !department.equals(reach.department())
                || unit != null && reach.unit() != null && !unit.equals(reach.unit())) {
            return null;
        }
        return new ReadModel.Reach(department != null ? department : reach.department(), unit != null ? unit : reach.unit());
    }
}
