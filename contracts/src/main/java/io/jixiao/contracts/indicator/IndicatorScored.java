package io.jixiao.contracts.indicator;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.SchemaVersion;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An indicator was scored.
 *
 * @param score     within [0, weight], 2 decimals
 * @param deviation 偏差原因分析及改进措施; required below the weight, except in imported history (then flagged)
 * @param imported  taken over from a published form rather than entered
 */
@SchemaVersion(1)
public record IndicatorScored(String projectId, String indicatorId, ScoreKind kind,
                              @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal score, String deviation,
                              boolean imported, LocalDate businessDate) implements PublishedEvent {
}
