package io.jixiao.budget.projectyear;

import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.budget.ExpenditureRecorded;
import io.jixiao.contracts.budget.InitialBudgetAllocated;
import io.jixiao.contracts.budget.ProjectYearRegistered;
import io.jixiao.platform.web.DomainException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static io.jixiao.contracts.FundSource.CURRENT_YEAR_APPROPRIATION;
import static io.jixiao.contracts.FundSource.OTHER_FUNDS;

/** Given/when/then for every command rule of a project-year, accepting and rejecting. */
class ProjectYearTest {

    private static final String ID = "2023-XXH";
    private static final ProjectYearRegistered REGISTERED = new ProjectYearRegistered(ID, "XXH", "信息化建设项目",
            "上海市科学技术委员会", "上海科技馆", 2023, "shanghai-2023");
    private static final InitialBudgetAllocated BUDGET = new InitialBudgetAllocated(ID, CURRENT_YEAR_APPROPRIATION,
            Money.of("1000.00"), "沪财预〔2023〕1号", LocalDate.of(2023, 1, 1));

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

    @Test
    void registersAProjectYear() {
        fixture.givenNoPriorActivity()
                .when(new RegisterProjectYear(ID, "XXH", "信息化建设项目", "上海市科学技术委员会", "上海科技馆", 2023, "shanghai-2023"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(REGISTERED);
    }

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
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("already allocated"));
    }

    @Test
    void allocatesEachFundSourceOnItsOwn() {
        fixture.given(REGISTERED, BUDGET)
                .when(new AllocateInitialBudget(ID, OTHER_FUNDS, Money.of("5.00"), "doc"))
                .expectEvents(new InitialBudgetAllocated(ID, OTHER_FUNDS, Money.of("5.00"), "doc", LocalDate.of(2023, 1, 1)));
    }

    @Test
    void recordsAPaymentWithinTheAvailableBudget() {
        fixture.given(REGISTERED, BUDGET)
                .when(pay("P1", "400.00", LocalDate.of(2023, 3, 30)))
                .expectEvents(paid("P1", "400.00", LocalDate.of(2023, 3, 30)))
                .expectResultMessagePayload(PaymentOutcome.RECORDED);
    }

    @Test
    void recordsAPaymentThatUsesTheLastFen() {
        fixture.given(REGISTERED, BUDGET, paid("P1", "999.99", LocalDate.of(2023, 3, 1)))
                .when(pay("P2", "0.01", LocalDate.of(2023, 12, 31)))
                .expectEvents(paid("P2", "0.01", LocalDate.of(2023, 12, 31)));
    }

    @Test
    void rejectsAPaymentBeyondTheRemainingBudgetAndSaysWhatIsAvailable() {
        fixture.given(REGISTERED, BUDGET, paid("P1", "999.99", LocalDate.of(2023, 3, 1)))
                .when(pay("P2", "0.02", LocalDate.of(2023, 4, 1)))
                .expectNoEvents()
                .expectException(DomainException.RuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("exceeds the 0.01 available"));
    }

    @Test
    void rejectsAPaymentAgainstAFundSourceWithoutBudget() {
        fixture.given(REGISTERED, BUDGET)
                .when(new RecordExpenditure(ID, "P1", OTHER_FUNDS, Money.of("1.00"), LocalDate.of(2023, 5, 1), "x", "v"))
                .expectNoEvents()
                .expectException(DomainException.RuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("无预算不支出"));
    }

    @Test
    void rejectsAPaymentDatedOutsideTheFiscalYear() {
        fixture.given(REGISTERED, BUDGET)
                .when(pay("P1", "1.00", LocalDate.of(2024, 1, 1)))
                .expectNoEvents()
                .expectException(DomainException.RuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("outside fiscal year 2023"));
        fixture.given(REGISTERED, BUDGET)
                .when(pay("P1", "1.00", LocalDate.of(2022, 12, 31)))
                .expectNoEvents()
                .expectException(DomainException.RuleViolation.class);
    }

    @Test
    void answersTheSamePaymentPostedAgainAsADuplicateWithoutAnEvent() {
        fixture.given(REGISTERED, BUDGET, paid("P1", "400.00", LocalDate.of(2023, 3, 30)))
                .when(pay("P1", "400.00", LocalDate.of(2023, 3, 30)))
                .expectNoEvents()
                .expectResultMessagePayload(PaymentOutcome.DUPLICATE);
    }

    @Test
    void rejectsTheSameReferenceWithADifferentBody() {
        fixture.given(REGISTERED, BUDGET, paid("P1", "400.00", LocalDate.of(2023, 3, 30)))
                .when(pay("P1", "400.01", LocalDate.of(2023, 3, 30)))
                .expectNoEvents()
                .expectException(DomainException.Conflict.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("different payment"));
    }

    @Test
    void aDuplicateDoesNotNeedBudgetLeft() {
        // the original was accepted; replaying it must answer the same even when the budget is now used up
        fixture.given(REGISTERED, BUDGET, paid("P1", "1000.00", LocalDate.of(2023, 3, 30)))
                .when(pay("P1", "1000.00", LocalDate.of(2023, 3, 30)))
                .expectNoEvents()
                .expectResultMessagePayload(PaymentOutcome.DUPLICATE);
    }
}
