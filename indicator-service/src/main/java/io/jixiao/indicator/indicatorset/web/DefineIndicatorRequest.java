package io.jixiao.indicator.indicatorset.web;

import io.jixiao.contracts.InvalidValueException;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/**
 * An indicator as the form lists it: 一级 (one of the four level-1 headings), 二级, 三级 (free text), the target
 * (年度指标值) as written, and the weight (分值) as a decimal string with at most 2 decimals, 0 to 100.
 */
record DefineIndicatorRequest(
        @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.-]{0,39}") String indicatorId,
        @NotNull @Pattern(regexp = "产出指标|效益指标|满意度指标|成本指标", message = "must be one of 产出指标, 效益指标, 满意度指标, 成本指标") String level1,
        @NotBlank @Size(max = 50) String level2,
        @NotBlank @Size(max = 200) String level3,
        @NotBlank @Size(max = 1000) String target,
        @NotNull String weight) {

    private static final java.util.regex.Pattern WEIGHT = java.util.regex.Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,2})?");
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    BigDecimal parsedWeight() {
        if (!WEIGHT.matcher(weight).matches() || new BigDecimal(weight).compareTo(HUNDRED) > 0) {
            throw new InvalidValueException("weight", "weight must be a decimal from 0 to 100 with at most 2 decimals: " + weight);
        }
        return new BigDecimal(weight).setScale(2);
    }
}
