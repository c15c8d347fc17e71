package io.jixiao.budget.projectyear.web;

import io.jixiao.platform.text.SingleLine;
import io.jixiao.budget.projectyear.RecordExpenditure;
import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/** A payment as a finance system posts it; {@code amount} in 元 as a string with at most 2 decimals. */
record RecordExpenditureRequest(
        @NotNull @Pattern(regexp = Patterns.REFERENCE) String paymentReference,
        @NotNull FundSource fundSource,
        @NotNull String amount,
        @NotNull LocalDate businessDate,
        @NotBlank @Size(max = 200) @SingleLine String payee,
        @NotBlank @Size(max = 64) @SingleLine String voucherNumber) {

    RecordExpenditure toCommand(String projectId, Money amount) {
        return new RecordExpenditure(projectId, paymentReference, fundSource, amount, businessDate, payee.strip(),
                voucherNumber.strip());
    }
}
