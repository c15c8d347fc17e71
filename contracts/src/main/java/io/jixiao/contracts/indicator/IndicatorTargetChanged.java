package io.jixiao.contracts.indicator;

import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.SchemaVersion;

import java.time.LocalDate;

/** The target of an indicator changed; {@code version} counts from 1 (the defined target) and every change adds one. */
@SchemaVersion(1)
public record IndicatorTargetChanged(String projectId, String indicatorId, int version, Target target, String reason,
                                     LocalDate businessDate) implements PublishedEvent {
}
