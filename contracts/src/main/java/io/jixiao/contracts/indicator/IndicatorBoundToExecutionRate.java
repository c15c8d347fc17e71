package io.jixiao.contracts.indicator;

import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.SchemaVersion;

import java.time.LocalDate;

/**
 * The indicator restates budget execution (当年预算完成率, 预算执行率): its actual is the project's live execution
 * rate in %, following budget events, instead of an entered value.
 */
@SchemaVersion(1)
public record IndicatorBoundToExecutionRate(String projectId, String indicatorId, LocalDate businessDate)
        implements PublishedEvent {
}
