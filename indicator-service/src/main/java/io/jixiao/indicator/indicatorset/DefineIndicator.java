package io.jixiao.indicator.indicatorset;

import io.jixiao.contracts.indicator.Target;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;

/** Define a 三级指标 of a project-year under its 一级 and 二级 headings, with its target and weight (分值). */
public record DefineIndicator(@TargetAggregateIdentifier String projectId, String indicatorId, String level1,
                              String level2, String level3, Target target, BigDecimal weight) {
}
