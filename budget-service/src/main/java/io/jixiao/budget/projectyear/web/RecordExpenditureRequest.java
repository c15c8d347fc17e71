package io.jixiao.budget.projectyear.web;

import io.jixiao.contracts.FundSource;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/** A payment as a finance system posts it; {@code amount} in 元 as a string with at most 2 decimals. */
record RecordExpenditureRequest(
        @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.:/-]{0,79}") String paymentReference,
        @NotNull FundSource fundSource,
        @NotNull String amount,
        @NotNull LocalDate businessDate,
        @NotBlank @Size(max = 200) String payee,
        @NotBlank @Size(max = 64) String voucherNumber) {
}
