package io.jixiao.indicator.indicatorset;

import io.jixiao.contracts.indicator.Actual;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** Record the actual value (实际完成值) an indicator reached, as of a business date. */
public record RecordActual(@TargetAggregateIdentifier String projectId, String indicatorId, Actual actual,
                           LocalDate businessDate) {
}
