package io.jixiao.indicator.indicatorset;

import io.jixiao.contracts.indicator.ScoreKind;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Score an indicator: the unit's self-assessment or the competent department's review, checked against the bands
 * of the project-year's rule set ({@code terms}).
 */
public record ScoreIndicator(@TargetAggregateIdentifier String projectId, String indicatorId, ScoreKind kind,
                             BigDecimal score, String deviation, boolean imported, LocalDate businessDate,
                             EvaluationTerms terms) {
}
