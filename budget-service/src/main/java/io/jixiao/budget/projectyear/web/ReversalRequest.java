package io.jixiao.budget.projectyear.web;

import io.jixiao.platform.text.Narrative;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/** A reversal (冲销) of a whole payment. */
record ReversalRequest(@NotNull LocalDate businessDate, @NotBlank @Size(max = 500) @Narrative String reason) {
}
