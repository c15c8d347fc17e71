package io.jixiao.budget.projectyear.web;

import io.jixiao.platform.text.Narrative;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/** Money of a payment that came back (退款); {@code refundReference} is the poster's idempotency key. */
record RefundRequest(
        @NotNull @Pattern(regexp = Patterns.REFERENCE) String refundReference,
        @NotNull String amount,
        @NotNull LocalDate businessDate,
        @NotBlank @Size(max = 500) @Narrative String reason) {
}
