package io.jixiao.budget.projectyear;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** Close the project's year: the form freezes; later payments and reversals are refused. */
public record CloseYear(@TargetAggregateIdentifier String projectId, LocalDate businessDate) {
}
