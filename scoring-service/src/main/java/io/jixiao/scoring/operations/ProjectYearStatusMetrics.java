package io.jixiao.scoring.operations;

import io.jixiao.scoring.monitoring.ExecutionStatus;
import io.jixiao.scoring.monitoring.Monitoring;
import io.jixiao.scoring.projection.ReadModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code jixiao.monitoring.project.years{department, status}}: how many project-years of each department are green,
 * yellow or red against 序时进度 as of today (Asia/Shanghai), from the same live {@link Monitoring} lines the monitoring
 * API serves. Every department seen has all three statuses, zeros included, so a query for red finds 0 rather than
 * nothing; a department that no longer has project-years disappears.
 */
@Component
class ProjectYearStatusMetrics implements SmartLifecycle {

    /** The tag of project-years registered without a 主管部门. */
    static final String NO_DEPARTMENT = "(none)";

    private final Monitoring monitoring;
    private final MultiGauge gauge;
    private final Every schedule;

    ProjectYearStatusMetrics(Monitoring monitoring, MeterRegistry meters, OperationsProperties properties) {
        this.monitoring = monitoring;
        this.gauge = MultiGauge.builder("jixiao.monitoring.project.years")
                .description("project-years per department and status (GREEN, YELLOW, RED against 序时进度, as of today)")
                .register(meters);
        this.schedule = new Every("operations-status", properties.statusInterval(), this::refresh);
    }

    /** Counts the project-years again; on the schedule's thread, and from tests. */
    synchronized void refresh() {
        Map<String, Map<ExecutionStatus, Long>> counts = new TreeMap<>();
        // the live lines, as the dashboard reads them: counting them also keeps them ready for its first caller
        for (Monitoring.Line line : monitoring.lines(ReadModel.Reach.EVERYTHING, null)) {
            String department = line.department() == null || line.department().isBlank() ? NO_DEPARTMENT : line.department();
            counts.computeIfAbsent(department, d -> new EnumMap<>(ExecutionStatus.class)).merge(line.status(), 1L, Long::sum);
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        counts.forEach((department, byStatus) -> {
            for (ExecutionStatus status : ExecutionStatus.values()) {
                rows.add(MultiGauge.Row.of(Tags.of("department", department, "status", status.name()),
                        byStatus.getOrDefault(status, 0L)));
            }
        });
        gauge.register(rows, true);
    }

    @Override
    public void start() {
        schedule.start();
    }

    @Override
    public void stop() {
        schedule.stop();
    }

    @Override
    public boolean isRunning() {
        return schedule.isRunning();
    }
}
