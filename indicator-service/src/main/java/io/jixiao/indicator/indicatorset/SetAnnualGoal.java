package io.jixiao.indicator.indicatorset;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Set the expected annual overall goal (年度总体目标). */
public record SetAnnualGoal(@TargetAggregateIdentifier String projectId, String expected) {
}
