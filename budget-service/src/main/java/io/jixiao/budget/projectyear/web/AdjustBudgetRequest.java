package io.jixiao.budget.projectyear.web;

import io.jixiao.platform.text.SingleLine;
import io.jixiao.platform.text.Narrative;
import io.jixiao.contracts.FundSource;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/**
 * An in-year adjustment of one fund source: {@code kind} INCREASE (追加), DECREASE (调减) or RECOVERY (收回);
 * transfers have their own endpoints. {@code correction} lets a decrease go below what was already paid.
 */
record AdjustBudgetRequest(
        @NotNull @Pattern(regexp = Patterns.REFERENCE) String adjustmentId,
        @NotNull @Pattern(regexp = "INCREASE|DECREASE|RECOVERY", message = "must be INCREASE, DECREASE or RECOVERY") String kind,
        @NotNull FundSource fundSource,
        @NotNull String amount,
        @NotBlank @Size(max = 500) @Narrative String reason,
        @NotBlank @Size(max = 100) @SingleLine String documentNumber,
        @NotNull LocalDate businessDate,
        Boolean correction) {
}
