package io.jixiao.indicator.indicatorset;

import io.jixiao.contracts.indicator.Target;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** Change an indicator's target, with the reason; the earlier targets stay in the history. */
public record ChangeTarget(@TargetAggregateIdentifier String projectId, String indicatorId, Target target,
                           String reason, LocalDate businessDate) {
}
