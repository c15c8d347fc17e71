package io.jixiao.contracts.indicator;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.SchemaVersion;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The unit finalised its self-evaluation: weights and actuals passed the checks. Later only the competent
 * department's reviewed scores are taken.
 *
 * @param fundsWeight the funds row's weight the checks were made with (10 or 20)
 * @param warnings    checks that only warn, e.g. a level-1 split away from 50/30/10/10
 */
@SchemaVersion(1)
public record EvaluationFinalised(String projectId, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal fundsWeight,
                                  List<String> warnings, LocalDate businessDate) implements PublishedEvent {
}
