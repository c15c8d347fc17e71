package io.jixiao.contracts.indicator;

import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.SchemaVersion;

import java.time.LocalDate;

/** The actual value (实际完成值) of an indicator was recorded, as written, e.g. {@code 42.68(%)} or {@code 达成指标}. */
@SchemaVersion(1)
public record IndicatorActualRecorded(String projectId, String indicatorId, String actual, LocalDate businessDate)
        implements PublishedEvent {
}
