package io.jixiao.contracts.budget;

import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.SchemaVersion;

import java.time.LocalDate;

/** The year of a project closed: its form is frozen; later payments and reversals for it are refused. */
@SchemaVersion(1)
public record ProjectYearClosed(String projectId, LocalDate businessDate) implements PublishedEvent {
}
