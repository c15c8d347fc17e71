package io.jixiao.budget.projectyear.web;

import jakarta.validation.constraints.NotNull;

import java.time.LocalDate;

/** Year close, dated at or after the fiscal year's end. */
record CloseYearRequest(@NotNull LocalDate businessDate) {
}
