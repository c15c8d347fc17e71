package io.jixiao.indicator.indicatorset;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** Let the indicator's actual follow the project's live budget execution rate. */
public record BindToExecutionRate(@TargetAggregateIdentifier String projectId, String indicatorId, LocalDate businessDate) {
}
