package io.jixiao.contracts.indicator;

import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.SchemaVersion;

/** The expected annual overall goal (年度总体目标, 预期目标), as written; imported HTML is kept as the original. */
@SchemaVersion(1)
public record AnnualGoalSet(String projectId, String expected) implements PublishedEvent {
}
