package io.jixiao.budget.projectyear.web;

import io.jixiao.platform.text.SingleLine;
import io.jixiao.platform.text.Narrative;
import io.jixiao.contracts.FundSource;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/** 调剂 between two fund sources of one project. */
record TransferRequest(
        @NotNull @Pattern(regexp = Patterns.REFERENCE) String adjustmentId,
        @NotNull FundSource from,
        @NotNull FundSource to,
        @NotNull String amount,
        @NotBlank @Size(max = 500) @Narrative String reason,
        @NotBlank @Size(max = 100) @SingleLine String documentNumber,
        @NotNull LocalDate businessDate,
        Boolean correction) {
}
