package io.jixiao.budget.projectyear;

import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.budget.AdjustmentKind;
import io.jixiao.contracts.budget.BudgetAdjusted;
import io.jixiao.contracts.budget.ExpenditureRecorded;
import io.jixiao.contracts.budget.ExpenditureRefunded;
import io.jixiao.contracts.budget.ExpenditureReversed;
import io.jixiao.contracts.budget.InitialBudgetAllocated;
import io.jixiao.contracts.budget.ProjectYearClosed;
import io.jixiao.contracts.budget.ProjectYearOpened;
import io.jixiao.contracts.budget.ProjectYearRegistered;
import io.jixiao.platform.domain.DomainException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static io.jixiao.platform.domain.DomainCode.code;
import static io.jixiao.contracts.FundSource.CURRENT_YEAR_APPROPRIATION;
import static io.jixiao.contracts.FundSource.OTHER_FUNDS;
import static io.jixiao.contracts.FundSource.PRIOR_YEAR_CARRYOVER;
import static org.hamcrest.Matchers.containsString;

/** Given/when/then for every command rule of a project-year, accepting and rejecting. */
class ProjectYearTest {

    private static final String ID = "2023-XXH";
    private static final String NEXT = "2024-XXH";
    private static final LocalDate JAN_1 = LocalDate.of(2023, 1, 1);
    private static final LocalDate MAR_30 = LocalDate.of(2023, 3, 30);
    private static final LocalDate JUN_30 = LocalDate.of(2023, 6, 30);
    private static final ProjectYearRegistered REGISTERED = new ProjectYearRegistered(ID, "XXH", "信息化建设项目",
            "上海市科学技术委员会", "上海科技馆", 2023, "shanghai-2023");
    private static final InitialBudgetAllocated BUDGET = new InitialBudgetAllocated(ID, CURRENT_YEAR_APPROPRIATION,
            Money.of("1000.00"), "沪财预〔2023〕1号", JAN_1);
    private static final ProjectYearOpened OPENED = new ProjectYearOpened(ID, JAN_1);
    private static final ProjectYearClosed CLOSED = new ProjectYearClosed(ID, LocalDate.of(2024, 1, 15));

    private FixtureConfiguration<ProjectYear> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ProjectYear.class);
    }

    private static RecordExpenditure pay(String reference, String amount, LocalDate date) {
        return new RecordExpenditure(ID, reference, CURRENT_YEAR_APPROPRIATION, Money.of(amount), date, "某公司", "V-" + reference);
    }

    private static ExpenditureRecorded paid(String reference, String amount, LocalDate date) {
        return new ExpenditureRecorded(ID, reference, CURRENT_YEAR_APPROPRIATION, Money.of(amount), date, "某公司", "V-" + reference);
    }

    private static AdjustBudget adjust(String id, AdjustmentKind kind, String amount, boolean correction) {
        return new AdjustBudget(ID, id, kind, CURRENT_YEAR_APPROPRIATION, Money.of(amount), "年中调整", "沪财预〔2023〕5号",
                JUN_30, null, null, correction);
    }

    private static BudgetAdjusted adjusted(String id, AdjustmentKind kind, String amount, boolean correction) {
        return new BudgetAdjusted(ID, id, kind, CURRENT_YEAR_APPROPRIATION, Money.of(amount), "年中调整", "沪财预〔2023〕5号",
                JUN_30, null, null, correction);
    }

    @Nested
    class Registration {

        @Test
        void registersAProjectYear() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterProjectYear(ID, "XXH", "信息化建设项目", "上海市科学技术委员会", "上海科技馆", 2023, "shanghai-2023"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(REGISTERED);
        }
    }

    @Nested
    class InitialBudget {

        @Test
        void allocatesTheInitialBudgetOfAFundSourceDatedTheFirstDayOfTheYear() {
            fixture.given(REGISTERED)
                    .when(new AllocateInitialBudget(ID, CURRENT_YEAR_APPROPRIATION, Money.of("1000.00"), "沪财预〔2023〕1号"))
                    .expectEvents(BUDGET);
        }

        @Test
        void rejectsASecondInitialBudgetForTheSameFundSource() {
            fixture.given(REGISTERED, BUDGET)
                    .when(new AllocateInitialBudget(ID, CURRENT_YEAR_APPROPRIATION, Money.of("5.00"), "again"))
                    .expectNoEvents()
                    .expectException(DomainException.Conflict.class)
                    .expectException(code("initial-budget-already-allocated"));
        }

        @Test
        void allocatesEachFundSourceOnItsOwn() {
            fixture.given(REGISTERED, BUDGET)
                    .when(new AllocateInitialBudget(ID, OTHER_FUNDS, Money.of("5.00"), "doc"))
                    .expectEvents(new InitialBudgetAllocated(ID, OTHER_FUNDS, Money.of("5.00"), "doc", JAN_1));
        }

        @Test
        void freezesInitialBudgetsOnceTheYearIsOpen() {
            fixture.given(REGISTERED, BUDGET, OPENED)
                    .when(new AllocateInitialBudget(ID, OTHER_FUNDS, Money.of("5.00"), "doc"))
                    .expectNoEvents()
                    .expectException(DomainException.RuleViolation.class)
                    .expectException(code("initial-budget-frozen"));
        }

        @Test
        void acceptsALateCarryOverAfterTheYearOpened() {
            fixture.given(REGISTERED, BUDGET, OPENED)
                    .when(new AllocateInitialBudget(ID, PRIOR_YEAR_CARRYOVER, Money.of("300.00"), "沪财预〔2023〕12号"))
                    .expectEvents(new InitialBudgetAllocated(ID, PRIOR_YEAR_CARRYOVER, Money.of("300.00"), "沪财预〔2023〕12号", JAN_1));
        }

        @Test
        void rejectsAnyAllocationOnceClosed() {
            fixture.given(REGISTERED, BUDGET, OPENED, CLOSED)
                    .when(new AllocateInitialBudget(ID, PRIOR_YEAR_CARRYOVER, Money.of("300.00"), "doc"))
                    .expectNoEvents()
                    .expectException(BudgetRuleViolations.YearClosed.class)
                    .expectException(code("year-closed"));
        }
    }

    @Nested
    class OpeningAndClosing {

        @Test
        void opensTheYear() {
            fixture.given(REGISTERED, BUDGET).when(new OpenYear(ID)).expectEvents(OPENED);
        }

        @Test
        void openingAgainChangesNothing() {
            fixture.given(REGISTERED, BUDGET, OPENED).when(new OpenYear(ID)).expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void aClosedYearDoesNotReopen() {
            fixture.given(REGISTERED, OPENED, CLOSED).when(new OpenYear(ID))
                    .expectNoEvents().expectException(BudgetRuleViolations.YearClosed.class)
                    .expectException(code("year-closed"));
        }

        @Test
        void closesAnOpenYear() {
            fixture.given(REGISTERED, BUDGET, OPENED).when(new CloseYear(ID, LocalDate.of(2024, 1, 15))).expectEvents(CLOSED);
        }

        @Test
        void closingAgainChangesNothing() {
            fixture.given(REGISTERED, OPENED, CLOSED).when(new CloseYear(ID, LocalDate.of(2024, 2, 1)))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void doesNotCloseAYearThatNeverOpened() {
            fixture.given(REGISTERED, BUDGET).when(new CloseYear(ID, LocalDate.of(2024, 1, 15)))
                    .expectNoEvents().expectException(DomainException.RuleViolation.class)
                    .expectException(code("year-not-open"));
        }

        @Test
        void doesNotCloseBeforeTheYearBegins() {
            fixture.given(REGISTERED, OPENED).when(new CloseYear(ID, LocalDate.of(2022, 12, 31)))
                    .expectNoEvents().expectException(DomainException.RuleViolation.class)
                    .expectException(code("date-outside-fiscal-year"));
        }
    }

    @Nested
    class Adjustments {

        @Test
        void anIncreaseRaisesTheBudgetSoLargerPaymentsPass() {
            fixture.given(REGISTERED, BUDGET, OPENED, adjusted("A1", AdjustmentKind.INCREASE, "500.00", false))
                    .when(pay("P1", "1500.00", JUN_30))
                    .expectEvents(paid("P1", "1500.00", JUN_30));
        }

        @Test
        void recordsAnIncrease() {
            fixture.given(REGISTERED, BUDGET, OPENED)
                    .when(adjust("A1", AdjustmentKind.INCREASE, "500.00", false))
                    .expectEvents(adjusted("A1", AdjustmentKind.INCREASE, "500.00", false))
                    .expectResultMessagePayload(Outcome.RECORDED);
        }

        @Test
        void aDecreaseDownToWhatWasPaidIsAccepted() {
            fixture.given(REGISTERED, BUDGET, OPENED, paid("P1", "600.00", MAR_30))
                    .when(adjust("A1", AdjustmentKind.DECREASE, "400.00", false))
                    .expectEvents(adjusted("A1", AdjustmentKind.DECREASE, "400.00", false));
        }

        @Test
        void aDecreaseBelowWhatWasPaidIsRejected() {
            fixture.given(REGISTERED, BUDGET, OPENED, paid("P1", "600.00", MAR_30))
                    .when(adjust("A1", AdjustmentKind.DECREASE, "400.01", false))
                    .expectNoEvents()
                    .expectException(DomainException.RuleViolation.class)
                    .expectException(code("budget-below-executed"))
                    .expectExceptionMessage(containsString("below the 600.00 already paid"));
        }

        @Test
        void aRecoveryBelowWhatWasPaidIsRejectedToo() {
            fixture.given(REGISTERED, BUDGET, OPENED, paid("P1", "600.00", MAR_30))
                    .when(adjust("A1", AdjustmentKind.RECOVERY, "500.00", false))
                    .expectNoEvents()
                    .expectException(DomainException.RuleViolation.class)
                    .expectException(code("budget-below-executed"));
        }

        @Test
        void aDecreaseBelowWhatWasPaidIsAcceptedAsACorrection() {
            fixture.given(REGISTERED, BUDGET, OPENED, paid("P1", "600.00", MAR_30))
                    .when(adjust("A1", AdjustmentKind.DECREASE, "500.00", true))
                    .expectEvents(adjusted("A1", AdjustmentKind.DECREASE, "500.00", true));
        }

        /** BUDGET is 1,000.00 of 当年财政拨款: the source reaches the maximum amount exactly, and not a fen more. */
        @Test
        void aBudgetReachesTheMaximumAmountExactly() {
            fixture.given(REGISTERED, BUDGET, OPENED)
                    .when(adjust("A1", AdjustmentKind.INCREASE, "999999998999.99", false))
                    .expectEvents(adjusted("A1", AdjustmentKind.INCREASE, "999999998999.99", false));
        }

        @Test
        void noBudgetGoesBeyondTheMaximumAmount() {
            fixture.given(REGISTERED, BUDGET, OPENED)
                    .when(adjust("A1", AdjustmentKind.INCREASE, "999999999000.00", false))
                    .expectNoEvents()
                    .expectException(DomainException.RuleViolation.class)
                    .expectException(code("budget-beyond-maximum"));
        }

        @Test
        void noProjectYearTotalGoesBeyondTheMaximumAmount() {
            fixture.given(REGISTERED, BUDGET)
                    .when(new AllocateInitialBudget(ID, OTHER_FUNDS, Money.of("999999999000.00"), "doc"))
                    .expectNoEvents()
                    .expectException(DomainException.RuleViolation.class)
                    .expectException(code("budget-beyond-maximum"));
        }

        @Test
        void noBudgetGoesBelowZeroEvenAsACorrection() {
            fixture.given(REGISTERED, BUDGET, OPENED)
                    .when(adjust("A1", AdjustmentKind.DECREASE, "1000.01", true))
                    .expectNoEvents()
                    .expectException(DomainException.RuleViolation.class)
                    .expectException(code("budget-negative"));
        }

        @Test
        void theSameAdjustmentAgainIsADuplicate() {
            fixture.given(REGISTERED, BUDGET, OPENED, adjusted("A1", AdjustmentKind.INCREASE, "500.00", false))
                    .when(adjust("A1", AdjustmentKind.INCREASE, "500.00", false))
                    .expectNoEvents()
                    .expectResultMessagePayload(Outcome.DUPLICATE);
        }

        @Test
        void theSameAdjustmentIdWithOtherContentIsAConflict() {
            fixture.given(REGISTERED, BUDGET, OPENED, adjusted("A1", AdjustmentKind.INCREASE, "500.00", false))
                    .when(adjust("A1", AdjustmentKind.INCREASE, "501.00", false))
                    .expectNoEvents()
                    .expectException(DomainException.Conflict.class)
                    .expectException(code("adjustment-reference-conflict"));
        }

        @Test
        void adjustmentsWaitForTheYearToOpen() {
            fixture.given(REGISTERED, BUDGET)
                    .when(adjust("A1", AdjustmentKind.INCREASE, "500.00", false))
                    .expectNoEvents()
                    .expectException(DomainException.RuleViolation.class)
                    .expectException(code("year-not-open"));
        }

        @Test
        void aClosedYearTakesNoAdjustment() {
            fixture.given(REGISTERED, BUDGET, OPENED, CLOSED)
                    .when(adjust("A1", AdjustmentKind.INCREASE, "500.00", false))
                    .expectNoEvents()
                    .expectException(BudgetRuleViolations.YearClosed.class)
                    .expectException(code("year-closed"));
        }

        @Test
        void rejectsAnAdjustmentDatedOutsideTheFiscalYear() {
            fixture.given(REGISTERED, BUDGET, OPENED)
                    .when(new AdjustBudget(ID, "A1", AdjustmentKind.INCREASE, CURRENT_YEAR_APPROPRIATION, Money.of("1.00"),
                            "r", "d", LocalDate.of(2024, 1, 2), null, null, false))
                    .expectNoEvents()
                    .expectException(DomainException.RuleViolation.class)
                    .expectException(code("date-outside-fiscal-year"));
        }

        @Test
        void aTransferKindNeedsItsCounterpartAndOtherKindsMustNotHaveOne() {
            fixture.given(REGISTERED, BUDGET, OPENED)
                    .when(adjust("A1", AdjustmentKind.TRANSFER_OUT, "1.00", false))
                    .expectNoEvents()
                    .expectException(DomainException.RuleViolation.class)
                    .expectException(code("transfer-needs-counterpart"));
            fixture.given(REGISTERED, BUDGET, OPENED)
                    .when(new AdjustBudget(ID, "A1", AdjustmentKind.INCREASE, CURRENT_YEAR_APPROPRIATION, Money.of("1.00"),
                            "r", "d", JUN_30, "2023-OTHER", OTHER_FUNDS, false))
                    .expectNoEvents()
                    .expectException(DomainException.RuleViolation.class)
                    .expectException(code("transfer-needs-counterpart"));
        }

        @Test
        void recordsOneHalfOfATransferBetweenProjects() {
            fixture.given(REGISTERED, BUDGET, OPENED)
                    .when(new AdjustBudget(ID, "T1", AdjustmentKind.TRANSFER_OUT, CURRENT_YEAR_APPROPRIATION, Money.of("100.00"),
                            "调剂", "d", JUN_30, "2023-OTHER", OTHER_FUNDS, false))
                    .expectEvents(new BudgetAdjusted(ID, "T1", AdjustmentKind.TRANSFER_OUT, CURRENT_YEAR_APPROPRIATION,
                            Money.of("100.00"), "调剂", "d", JUN_30, "2023-OTHER", OTHER_FUNDS, false));
        }
    }

    @Nested
    class IncomingTransfers {

        private AdjustBudget incoming(String sender, String amount) {
            return new AdjustBudget(ID, "T1", AdjustmentKind.TRANSFER_IN, CURRENT_YEAR_APPROPRIATION, Money.of(amount), "调剂",
                    "d", JUN_30, sender, OTHER_FUNDS, false);
        }

        private BudgetAdjusted received(String sender, String amount) {
            return new BudgetAdjusted(ID, "T1", AdjustmentKind.TRANSFER_IN, CURRENT_YEAR_APPROPRIATION, Money.of(amount), "调剂",
                    "d", JUN_30, sender, OTHER_FUNDS, false);
        }

        @Test
        void takesTheSameKeyFromTwoSenders() {
            fixture.given(REGISTERED, BUDGET, OPENED, adjusted("T1", AdjustmentKind.INCREASE, "5.00", false), received("2023-A", "10.00"))
                    .when(incoming("2023-B", "10.00"))
                    .expectEvents(received("2023-B", "10.00"))
                    .expectResultMessagePayload(Outcome.RECORDED);
        }

        @Test
        void rejectsTheSameSendersKeyWithAnotherAmount() {
            fixture.given(REGISTERED, BUDGET, OPENED, received("2023-A", "10.00"))
                    .when(incoming("2023-A", "10.01"))
                    .expectNoEvents()
                    .expectException(DomainException.Conflict.class)
                    .expectException(code("adjustment-reference-conflict"));
        }
    }

    @Nested
    class ReturnsOfRefusedTransfers {

        private final BudgetAdjusted debit = new BudgetAdjusted(ID, "T1", AdjustmentKind.TRANSFER_OUT,
                CURRENT_YEAR_APPROPRIATION, Money.of("100.00"), "调剂", "d", JUN_30, "2023-OTHER", OTHER_FUNDS, false);
        private final BudgetAdjusted returned = new BudgetAdjusted(ID, "T1-returned", AdjustmentKind.TRANSFER_IN,
                CURRENT_YEAR_APPROPRIATION, Money.of("100.00"), "退回", "d", JUN_30, "2023-OTHER", OTHER_FUNDS, false);

        @Test
        void givesBackTheRecordedDebit() {
            fixture.given(REGISTERED, BUDGET, OPENED, debit)
                    .when(new ReturnTransfer(ID, "T1", "T1-returned", "退回"))
                    .expectEvents(returned)
                    .expectResultMessagePayload(Outcome.RECORDED);
        }

        @Test
        void givesItBackEvenWhenTheYearClosedMeanwhile() {
            fixture.given(REGISTERED, BUDGET, OPENED, debit, CLOSED)
                    .when(new ReturnTransfer(ID, "T1", "T1-returned", "退回"))
                    .expectEvents(returned);
        }

        @Test
        void givesItBackOnce() {
            fixture.given(REGISTERED, BUDGET, OPENED, debit, returned)
                    .when(new ReturnTransfer(ID, "T1", "T1-returned", "退回"))
                    .expectNoEvents()
                    .expectResultMessagePayload(Outcome.DUPLICATE);
        }

        @Test
        void rejectsAReturnOfNoDebit() {
            fixture.given(REGISTERED, BUDGET, OPENED, adjusted("T1", AdjustmentKind.DECREASE, "100.00", false))
                    .when(new ReturnTransfer(ID, "T1", "T1-returned", "退回"))
                    .expectNoEvents()
                    .expectException(DomainException.NotFound.class)
                    .expectException(code("unknown-adjustment"));
        }
    }

    @Nested
    class TransfersBetweenSources {

        @Test
        void movesBudgetFromOneSourceToAnother() {
            fixture.given(REGISTERED, BUDGET, OPENED)
                    .when(new TransferBetweenSources(ID, "T1", CURRENT_YEAR_APPROPRIATION, OTHER_FUNDS, Money.of("200.00"),
                            "调剂", "d", JUN_30, false))
                    .expectEvents(
                            new BudgetAdjusted(ID, "T1", AdjustmentKind.TRANSFER_OUT, CURRENT_YEAR_APPROPRIATION, Money.of("200.00"),
                                    "调剂", "d", JUN_30, ID, OTHER_FUNDS, false),
                            new BudgetAdjusted(ID, "T1", AdjustmentKind.TRANSFER_IN, OTHER_FUNDS, Money.of("200.00"),
                                    "调剂", "d", JUN_30, ID, CURRENT_YEAR_APPROPRIATION, false));
        }

        @Test
        void rejectsATransferToTheSameSource() {
            fixture.given(REGISTERED, BUDGET, OPENED)
                    .when(new TransferBetweenSources(ID, "T1", OTHER_FUNDS, OTHER_FUNDS, Money.of("1.00"), "r", "d", JUN_30, false))
                    .expectNoEvents()
                    .expectException(DomainException.RuleViolation.class)
                    .expectException(code("transfer-to-same-source"));
        }

        @Test
        void rejectsATransferThatTakesMoreThanIsUnpaid() {
            fixture.given(REGISTERED, BUDGET, OPENED, paid("P1", "900.00", MAR_30))
                    .when(new TransferBetweenSources(ID, "T1", CURRENT_YEAR_APPROPRIATION, OTHER_FUNDS, Money.of("100.01"),
                            "r", "d", JUN_30, false))
                    .expectNoEvents()
                    .expectException(DomainException.RuleViolation.class)
                    .expectException(code("budget-below-executed"));
        }
    }

    @Nested
    class Payments {

        @Test
        void recordsAPaymentWithinTheAvailableBudget() {
            fixture.given(REGISTERED, BUDGET, OPENED)
                    .when(pay("P1", "400.00", MAR_30))
                    .expectEvents(paid("P1", "400.00", MAR_30))
                    .expectResultMessagePayload(Outcome.RECORDED);
        }

        @Test
        void recordsAPaymentThatUsesTheLastFen() {
            fixture.given(REGISTERED, BUDGET, OPENED, paid("P1", "999.99", MAR_30))
                    .when(pay("P2", "0.01", LocalDate.of(2023, 12, 31)))
                    .expectEvents(paid("P2", "0.01", LocalDate.of(2023, 12, 31)));
        }

        @Test
        void rejectsAPaymentBeyondTheRemainingBudgetAndSaysWhatIsAvailable() {
            fixture.given(REGISTERED, BUDGET, OPENED, paid("P1", "999.99", MAR_30))
                    .when(pay("P2", "0.02", LocalDate.of(2023, 4, 1)))
                    .expectNoEvents()
                    .expectException(DomainException.RuleViolation.class)
                    .expectException(code("payment-beyond-budget"))
                    .expectExceptionMessage(containsString("exceeds the 0.01 available"));
        }

        @Test
        void aDecreaseShrinksWhatIsAvailable() {
            fixture.given(REGISTERED, BUDGET, OPENED, adjusted("A1", AdjustmentKind.DECREASE, "300.00", false))
                    .when(pay("P1", "700.01", JUN_30))
                    .expectNoEvents()
                    .expectException(DomainException.RuleViolation.class)
                    .expectException(code("payment-beyond-budget"));
        }

        @Test
        void rejectsAPaymentAgainstAFundSourceWithoutBudget() {
            fixture.given(REGISTERED, BUDGET, OPENED)
                    .when(new RecordExpenditure(ID, "P1", OTHER_FUNDS, Money.of("1.00"), MAR_30, "x", "v"))
                    .expectNoEvents()
                    .expectException(DomainException.RuleViolation.class)
                    .expectException(code("no-budget"))
                    .expectExceptionMessage(containsString("无预算不支出"));
        }

        @Test
        void rejectsAPaymentDatedOutsideTheFiscalYear() {
            fixture.given(REGISTERED, BUDGET, OPENED)
                    .when(pay("P1", "1.00", LocalDate.of(2024, 1, 1)))
                    .expectNoEvents()
                    .expectException(DomainException.RuleViolation.class)
                    .expectException(code("date-outside-fiscal-year"))
                    .expectExceptionMessage(containsString("outside fiscal year 2023"));
            fixture.given(REGISTERED, BUDGET, OPENED)
                    .when(pay("P1", "1.00", LocalDate.of(2022, 12, 31)))
                    .expectNoEvents()
                    .expectException(DomainException.RuleViolation.class)
                    .expectException(code("date-outside-fiscal-year"));
        }

        @Test
        void rejectsPaymentsBeforeTheYearOpens() {
            fixture.given(REGISTERED, BUDGET)
                    .when(pay("P1", "1.00", MAR_30))
                    .expectNoEvents()
                    .expectException(DomainException.RuleViolation.class)
                    .expectException(code("year-not-open"));
        }

        @Test
        void rejectsPaymentsOnceTheYearIsClosed() {
            fixture.given(REGISTERED, BUDGET, OPENED, CLOSED)
                    .when(pay("P1", "1.00", MAR_30))
                    .expectNoEvents()
                    .expectException(BudgetRuleViolations.YearClosed.class)
                    .expectException(code("year-closed"));
        }

        @Test
        void answersTheSamePaymentPostedAgainAsADuplicateWithoutAnEvent() {
            fixture.given(REGISTERED, BUDGET, OPENED, paid("P1", "400.00", MAR_30))
                    .when(pay("P1", "400.00", MAR_30))
                    .expectNoEvents()
                    .expectResultMessagePayload(Outcome.DUPLICATE);
        }

        @Test
        void rejectsTheSameReferenceWithADifferentBody() {
            fixture.given(REGISTERED, BUDGET, OPENED, paid("P1", "400.00", MAR_30))
                    .when(pay("P1", "400.01", MAR_30))
                    .expectNoEvents()
                    .expectException(DomainException.Conflict.class)
                    .expectException(code("payment-reference-conflict"));
        }

        @Test
        void aDuplicateDoesNotNeedBudgetLeftNorAnOpenYear() {
            // the original was accepted; replaying it must answer the same even when the budget is used up and closed
            fixture.given(REGISTERED, BUDGET, OPENED, paid("P1", "1000.00", MAR_30), CLOSED)
                    .when(pay("P1", "1000.00", MAR_30))
                    .expectNoEvents()
                    .expectResultMessagePayload(Outcome.DUPLICATE);
        }

        @Test
        void decidesEachPaymentOfABatchOnItsOwn() {
            fixture.given(REGISTERED, BUDGET, OPENED, paid("P0", "100.00", MAR_30))
                    .when(new RecordExpenditures(ID, List.of(
                            pay("P1", "500.00", MAR_30),
                            pay("P0", "100.00", MAR_30),
                            pay("P2", "500.00", MAR_30),
                            pay("P3", "400.00", MAR_30),
                            pay("P1", "500.00", MAR_30))))
                    .expectEvents(paid("P1", "500.00", MAR_30), paid("P3", "400.00", MAR_30))
                    .expectResultMessagePayloadMatching(Matchers.predicate((Object result) -> {
                        @SuppressWarnings("unchecked")
                        List<PaymentDecision> decisions = (List<PaymentDecision>) result;
                        return decisions.size() == 5
                                && decisions.get(0).outcome() == Outcome.RECORDED
                                && decisions.get(1).outcome() == Outcome.DUPLICATE
                                && "payment-beyond-budget".equals(decisions.get(2).rejection().code())
                                && decisions.get(3).outcome() == Outcome.RECORDED
                                && decisions.get(4).outcome() == Outcome.DUPLICATE;
                    }));
        }
    }

    @Nested
    class ReversalsAndRefunds {

        private final ExpenditureRecorded payment = paid("P1", "400.00", MAR_30);

        @Test
        void reversesAWholePayment() {
            fixture.given(REGISTERED, BUDGET, OPENED, payment)
                    .when(new ReverseExpenditure(ID, "P1", JUN_30, "录入错误"))
                    .expectEvents(new ExpenditureReversed(ID, "P1", CURRENT_YEAR_APPROPRIATION, Money.of("400.00"), JUN_30, "录入错误"));
        }

        @Test
        void aReversalFreesTheBudgetAgain() {
            fixture.given(REGISTERED, BUDGET, OPENED, paid("P1", "1000.00", MAR_30),
                            new ExpenditureReversed(ID, "P1", CURRENT_YEAR_APPROPRIATION, Money.of("1000.00"), JUN_30, "r"))
                    .when(pay("P2", "1000.00", JUN_30))
                    .expectEvents(paid("P2", "1000.00", JUN_30));
        }

        @Test
        void reversesWhatIsLeftAfterARefund() {
            fixture.given(REGISTERED, BUDGET, OPENED, payment,
                            new ExpenditureRefunded(ID, "R1", ID, "P1", CURRENT_YEAR_APPROPRIATION, Money.of("150.00"), JUN_30, "退款"))
                    .when(new ReverseExpenditure(ID, "P1", JUN_30, "冲销"))
                    .expectEvents(new ExpenditureReversed(ID, "P1", CURRENT_YEAR_APPROPRIATION, Money.of("250.00"), JUN_30, "冲销"));
        }

        @Test
        void reversingAgainChangesNothing() {
            fixture.given(REGISTERED, BUDGET, OPENED, payment,
                            new ExpenditureReversed(ID, "P1", CURRENT_YEAR_APPROPRIATION, Money.of("400.00"), JUN_30, "r"))
                    .when(new ReverseExpenditure(ID, "P1", JUN_30, "r"))
                    .expectNoEvents()
                    .expectResultMessagePayload(Outcome.DUPLICATE);
        }

        @Test
        void rejectsReversingAnUnknownPayment() {
            fixture.given(REGISTERED, BUDGET, OPENED)
                    .when(new ReverseExpenditure(ID, "P9", JUN_30, "r"))
                    .expectNoEvents()
                    .expectException(DomainException.NotFound.class)
                    .expectException(code("unknown-payment"));
        }

        @Test
        void rejectsAReversalDatedBeforeThePayment() {
            fixture.given(REGISTERED, BUDGET, OPENED, payment)
                    .when(new ReverseExpenditure(ID, "P1", LocalDate.of(2023, 3, 29), "r"))
                    .expectNoEvents()
                    .expectException(DomainException.RuleViolation.class)
                    .expectException(code("date-before-payment"));
        }

        @Test
        void rejectsAReversalOnceClosed() {
            fixture.given(REGISTERED, BUDGET, OPENED, payment, CLOSED)
                    .when(new ReverseExpenditure(ID, "P1", JUN_30, "r"))
                    .expectNoEvents()
                    .expectException(BudgetRuleViolations.YearClosed.class)
                    .expectException(code("year-closed"));
        }

        @Test
        void refundsPartOfAPayment() {
            fixture.given(REGISTERED, BUDGET, OPENED, payment)
                    .when(new RefundExpenditure(ID, "R1", "P1", Money.of("150.00"), JUN_30, "退款"))
                    .expectEvents(new ExpenditureRefunded(ID, "R1", ID, "P1", CURRENT_YEAR_APPROPRIATION, Money.of("150.00"), JUN_30, "退款"));
        }

        @Test
        void rejectsRefundsBeyondWhatIsLeftOfThePayment() {
            fixture.given(REGISTERED, BUDGET, OPENED, payment,
                            new ExpenditureRefunded(ID, "R1", ID, "P1", CURRENT_YEAR_APPROPRIATION, Money.of("150.00"), JUN_30, "退款"))
                    .when(new RefundExpenditure(ID, "R2", "P1", Money.of("250.01"), JUN_30, "退款"))
                    .expectNoEvents()
                    .expectException(DomainException.RuleViolation.class)
                    .expectException(code("refund-beyond-payment"))
                    .expectExceptionMessage(containsString("250.00 left"));
        }

        @Test
        void rejectsRefundsOfAReversedPayment() {
            fixture.given(REGISTERED, BUDGET, OPENED, payment,
                            new ExpenditureReversed(ID, "P1", CURRENT_YEAR_APPROPRIATION, Money.of("400.00"), JUN_30, "r"))
                    .when(new RefundExpenditure(ID, "R1", "P1", Money.of("1.00"), JUN_30, "退款"))
                    .expectNoEvents()
                    .expectException(DomainException.RuleViolation.class)
                    .expectException(code("payment-reversed"));
        }

        @Test
        void theSameRefundAgainIsADuplicateAndOtherContentAConflict() {
            ExpenditureRefunded refunded = new ExpenditureRefunded(ID, "R1", ID, "P1", CURRENT_YEAR_APPROPRIATION, Money.of("150.00"), JUN_30, "退款");
            fixture.given(REGISTERED, BUDGET, OPENED, payment, refunded)
                    .when(new RefundExpenditure(ID, "R1", "P1", Money.of("150.00"), JUN_30, "退款"))
                    .expectNoEvents()
                    .expectResultMessagePayload(Outcome.DUPLICATE);
            fixture.given(REGISTERED, BUDGET, OPENED, payment, refunded)
                    .when(new RefundExpenditure(ID, "R1", "P1", Money.of("150.01"), JUN_30, "退款"))
                    .expectNoEvents()
                    .expectException(DomainException.Conflict.class)
                    .expectException(code("refund-reference-conflict"));
        }

        @Test
        void aRefundInAClosedYearIsRefusedThereSoItCanGoToTheNextYear() {
            fixture.given(REGISTERED, BUDGET, OPENED, payment, CLOSED)
                    .when(new RefundExpenditure(ID, "R1", "P1", Money.of("1.00"), LocalDate.of(2024, 1, 20), "退款"))
                    .expectNoEvents()
                    .expectException(BudgetRuleViolations.YearClosed.class)
                    .expectException(code("year-closed"));
        }
    }

    @Nested
    class PriorYearRefunds {

        private final ProjectYearRegistered nextYear = new ProjectYearRegistered(NEXT, "XXH", "信息化建设项目",
                "上海市科学技术委员会", "上海科技馆", 2024, "shanghai-2023");
        private final ProjectYearOpened nextOpened = new ProjectYearOpened(NEXT, LocalDate.of(2024, 1, 1));
        private final LocalDate jan20 = LocalDate.of(2024, 1, 20);

        private RecordPriorYearRefund refund(String reference, String amount) {
            return new RecordPriorYearRefund(NEXT, reference, ID, "P1", CURRENT_YEAR_APPROPRIATION, Money.of(amount),
                    Money.of("400.00"), jan20, "退款");
        }

        @Test
        void booksTheRefundOfAClosedYearsPaymentInTheNextYear() {
            fixture.given(nextYear, nextOpened)
                    .when(refund("R1", "100.00"))
                    .expectEvents(new ExpenditureRefunded(NEXT, "R1", ID, "P1", CURRENT_YEAR_APPROPRIATION, Money.of("100.00"), jan20, "退款"));
        }

        @Test
        void capsAllRefundsOfThePaymentByWhatTheClosedYearLeft() {
            fixture.given(nextYear, nextOpened,
                            new ExpenditureRefunded(NEXT, "R1", ID, "P1", CURRENT_YEAR_APPROPRIATION, Money.of("300.00"), jan20, "退款"))
                    .when(refund("R2", "100.01"))
                    .expectNoEvents()
                    .expectException(DomainException.RuleViolation.class)
                    .expectException(code("refund-beyond-payment"));
        }

        @Test
        void isDatedInTheNextYear() {
            fixture.given(nextYear, nextOpened)
                    .when(new RecordPriorYearRefund(NEXT, "R1", ID, "P1", CURRENT_YEAR_APPROPRIATION, Money.of("1.00"),
                            Money.of("400.00"), LocalDate.of(2023, 12, 31), "退款"))
                    .expectNoEvents()
                    .expectException(DomainException.RuleViolation.class)
                    .expectException(code("date-outside-fiscal-year"));
        }
    }
}
