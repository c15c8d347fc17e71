package io.jixiao.budget.projectyear.web;

import io.jixiao.platform.text.SingleLine;
import io.jixiao.contracts.FundSource;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The initial budget of one fund source; {@code amount} in 元 as a string with at most 2 decimals. */
record AllocateInitialBudgetRequest(
        @NotNull FundSource fundSource,
        @NotNull String amount,
        @NotBlank @Size(max = 100) @SingleLine String documentNumber) {
}
