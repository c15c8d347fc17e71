package io.jixiao.budget.projectyear.web;

import jakarta.validation.constraints.NotNull;

import java.util.List;

/** Payments posted together; each item names its project-year and is answered on its own. */
record BatchPaymentsRequest(@NotNull List<BatchPayment> payments) {

    /** One payment of a batch: a {@link RecordExpenditureRequest} plus its project-year. */
    record BatchPayment(String projectId, String paymentReference, io.jixiao.contracts.FundSource fundSource,
                        String amount, java.time.LocalDate businessDate, String payee, String voucherNumber) {

        RecordExpenditureRequest request() {
            return new RecordExpenditureRequest(paymentReference, fundSource, amount, businessDate, payee, voucherNumber);
        }
    }
}
