package io.jixiao.budget.projectyear.web;

import io.jixiao.platform.text.SingleLine;
import io.jixiao.contracts.RuleSetId;
import io.jixiao.contracts.ProjectYearId;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Registration of a project-year; {@code department} is 主管部门, {@code implementingUnit} 实施单位. */
record RegisterProjectYearRequest(
        @NotNull @Pattern(regexp = ProjectYearId.CODE_PATTERN) String code,
        @NotBlank @Size(max = 200) @SingleLine String name,
        @NotBlank @Size(max = 200) @SingleLine String department,
        @NotBlank @Size(max = 200) @SingleLine String implementingUnit,
        @NotNull @Min(1990) @Max(2199) Integer fiscalYear,
        @Pattern(regexp = RuleSetId.SYNTAX) String ruleSet) {
}
