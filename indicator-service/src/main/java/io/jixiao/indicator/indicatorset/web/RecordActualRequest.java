package io.jixiao.indicator.indicatorset.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/** The actual value as written (e.g. {@code 42.68(%)}, {@code 达成指标}); the business date defaults to today. */
record RecordActualRequest(@NotBlank @Size(max = 1000) String actual, LocalDate businessDate) {
}
