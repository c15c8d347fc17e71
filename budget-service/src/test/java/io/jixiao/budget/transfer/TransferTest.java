package io.jixiao.budget.transfer;

import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import io.jixiao.platform.domain.DomainException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static io.jixiao.budget.transfer.RecordTransferStep.Step.CREDITED;
import static io.jixiao.budget.transfer.RecordTransferStep.Step.DEBITED;
import static io.jixiao.budget.transfer.RecordTransferStep.Step.REFUSED;
import static io.jixiao.budget.transfer.RecordTransferStep.Step.RETURNED;

/** Given/when/then for the transfer process's own state: each step only where it follows, accepting and rejecting. */
class TransferTest {

    private static final TransferRequest REQUEST = new TransferRequest("T1",
            new TransferRequest.Side("2025-TRA", FundSource.CURRENT_YEAR_APPROPRIATION),
            new TransferRequest.Side("2025-TRB", FundSource.OTHER_FUNDS), Money.of("500.00"), "项目间调剂", "d",
            LocalDate.of(2025, 7, 1), false);
    private static final String ID = REQUEST.transferId();
    private static final Refusal NOT_OPEN = new Refusal(DomainException.Kind.RULE_BROKEN, "year-not-open", "the year of 2025-TRB is not open yet", Map.of());

    private FixtureConfiguration<Transfer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Transfer.class);
    }

    @Test
    void startsATransferOnce() {
        fixture.givenNoPriorActivity()
                .when(new StartTransfer(ID, REQUEST))
                .expectEvents(new TransferRequested(ID, REQUEST))
                .expectResultMessagePayload(new TransferState(REQUEST, TransferStatus.REQUESTED, null));
    }

    @Test
    void theSameRequestAgainFindsTheTransferWhereItStands() {
        fixture.given(new TransferRequested(ID, REQUEST), new TransferDebited(ID))
                .when(new StartTransfer(ID, REQUEST))
                .expectNoEvents()
                .expectResultMessagePayload(new TransferState(REQUEST, TransferStatus.DEBITED, null));
    }

    @Test
    void rejectsADifferentRequestUnderTheSameKey() {
        TransferRequest other = new TransferRequest("T1", REQUEST.from(), REQUEST.to(), Money.of("500.01"), "项目间调剂", "d",
                LocalDate.of(2025, 7, 1), false);
        fixture.given(new TransferRequested(ID, REQUEST))
                .when(new StartTransfer(ID, other))
                .expectNoEvents()
                .expectException(DomainException.Conflict.class);
    }

    @Test
    void completesOnceDebitedAndCredited() {
        fixture.given(new TransferRequested(ID, REQUEST), new TransferDebited(ID))
                .when(new RecordTransferStep(ID, CREDITED, null))
                .expectEvents(new TransferCompleted(ID))
                .expectResultMessagePayload(new TransferState(REQUEST, TransferStatus.COMPLETED, null));
    }

    @Test
    void rejectsACreditBeforeTheDebit() {
        fixture.given(new TransferRequested(ID, REQUEST))
                .when(new RecordTransferStep(ID, CREDITED, null))
                .expectNoEvents()
                .expectException(IllegalStateException.class);
    }

    @Test
    void aRefusalBeforeTheDebitEndsTheTransfer() {
        fixture.given(new TransferRequested(ID, REQUEST))
                .when(new RecordTransferStep(ID, REFUSED, NOT_OPEN))
                .expectEvents(new TransferRefused(ID, NOT_OPEN, false))
                .expectResultMessagePayload(new TransferState(REQUEST, TransferStatus.REFUSED, NOT_OPEN));
    }

    @Test
    void aRefusalAfterTheDebitOwesTheSenderItsAmount() {
        fixture.given(new TransferRequested(ID, REQUEST), new TransferDebited(ID))
                .when(new RecordTransferStep(ID, REFUSED, NOT_OPEN))
                .expectEvents(new TransferRefused(ID, NOT_OPEN, true))
                .expectResultMessagePayload(new TransferState(REQUEST, TransferStatus.RETURNING, NOT_OPEN));
    }

    @Test
    void theReturnEndsARefusedTransfer() {
        fixture.given(new TransferRequested(ID, REQUEST), new TransferDebited(ID), new TransferRefused(ID, NOT_OPEN, true))
                .when(new RecordTransferStep(ID, RETURNED, null))
                .expectEvents(new TransferReturned(ID))
                .expectResultMessagePayload(new TransferState(REQUEST, TransferStatus.REFUSED, NOT_OPEN));
    }

    @Test
    void rejectsARefusalOfACompletedTransfer() {
        fixture.given(new TransferRequested(ID, REQUEST), new TransferDebited(ID), new TransferCompleted(ID))
                .when(new RecordTransferStep(ID, REFUSED, NOT_OPEN))
                .expectNoEvents()
                .expectException(IllegalStateException.class);
    }

    @Test
    void rejectsACreditOfARefusedTransfer() {
        fixture.given(new TransferRequested(ID, REQUEST), new TransferRefused(ID, NOT_OPEN, false))
                .when(new RecordTransferStep(ID, CREDITED, null))
                .expectNoEvents()
                .expectException(IllegalStateException.class);
    }

    @Test
    void rejectsASecondDebit() {
        fixture.given(new TransferRequested(ID, REQUEST), new TransferDebited(ID))
                .when(new RecordTransferStep(ID, DEBITED, null))
                .expectNoEvents()
                .expectException(IllegalStateException.class);
    }
}
