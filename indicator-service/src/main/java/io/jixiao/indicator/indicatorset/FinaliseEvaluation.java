package io.jixiao.indicator.indicatorset;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Finalise the unit's self-evaluation, checked against the funds row's weight of the project's rule set. */
public record FinaliseEvaluation(@TargetAggregateIdentifier String projectId, BigDecimal fundsWeight, LocalDate businessDate) {
}
