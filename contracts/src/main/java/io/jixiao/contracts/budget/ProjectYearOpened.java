package io.jixiao.contracts.budget;

import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.SchemaVersion;

import java.time.LocalDate;

/** The year of a project opened: its initial budgets (年初预算数) are frozen, payments and adjustments may begin. */
@SchemaVersion(1)
public record ProjectYearOpened(String projectId, LocalDate businessDate) implements PublishedEvent {
}
