package io.jixiao.indicator.indicatorset;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Report what was actually achieved of the annual goal (实际完成情况). */
public record ReportGoalAchievement(@TargetAggregateIdentifier String projectId, String actual) {
}
