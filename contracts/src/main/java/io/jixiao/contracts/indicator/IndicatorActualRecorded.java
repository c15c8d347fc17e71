package io.jixiao.contracts.indicator;

import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.SchemaVersion;

import java.time.LocalDate;

/**
 * The actual value (实际完成值) of an indicator was recorded, e.g. {@code 42.68(%)} or {@code 达成指标}.
 *
 * <p>Version 2 carries the parsed actual; version 1 carried only its text and is upcast by indicator-service.
 */
@SchemaVersion(2)
public record IndicatorActualRecorded(String projectId, String indicatorId, Actual actual, LocalDate businessDate)
        implements PublishedEvent {
}
