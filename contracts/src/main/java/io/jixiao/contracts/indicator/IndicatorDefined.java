package io.jixiao.contracts.indicator;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.SchemaVersion;

import java.math.BigDecimal;

/**
 * A performance indicator of a project-year was defined.
 *
 * <p>Version 2 carries the parsed target; version 1 carried only its text and is upcast by indicator-service.
 *
 * @param level1 一级指标, e.g. 产出指标
 * @param level2 二级指标, e.g. 数量指标
 * @param level3 三级指标, free text
 * @param target 年度指标值, parsed, with its original text
 * @param weight 分值, 2 decimals
 */
@SchemaVersion(2)
public record IndicatorDefined(String projectId, String indicatorId, String level1, String level2, String level3,
                               Target target, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal weight)
        implements PublishedEvent {
}
