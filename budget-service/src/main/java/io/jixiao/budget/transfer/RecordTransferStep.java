package io.jixiao.budget.transfer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that a step of the transfer happened on a project-year; {@code refusal} only with {@link Step#REFUSED}. */
public record RecordTransferStep(@TargetAggregateIdentifier String transferId, Step step, Refusal refusal) {

    public enum Step { DEBITED, CREDITED, REFUSED, RETURNED }
}
