package io.jixiao.indicator.indicatorset;

import io.jixiao.contracts.indicator.IndicatorActualRecorded;
import io.jixiao.contracts.indicator.IndicatorDefined;
import io.jixiao.platform.web.DomainException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.hamcrest.Matchers.containsString;

/** Given/when/then for every command rule of a project-year's indicator set, accepting and rejecting. */
class IndicatorSetTest {

    private static final String ID = "2023-KPCG";
    private static final LocalDate DATE = LocalDate.of(2023, 12, 31);
    private static final IndicatorDefined RATE = new IndicatorDefined(ID, "i1", "产出指标", "时效指标", "当年预算完成率",
            "≥90(%)", new BigDecimal("5.00"));

    private FixtureConfiguration<IndicatorSet> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(IndicatorSet.class);
    }

    private static DefineIndicator define(String indicatorId, String weight) {
        return new DefineIndicator(ID, indicatorId, "效益指标", "社会效益指标", "提升公众服务能力", "全面保障", new BigDecimal(weight));
    }

    @Test
    void theFirstIndicatorCreatesTheSet() {
        fixture.givenNoPriorActivity()
                .when(new DefineIndicator(ID, "i1", "产出指标", "时效指标", "当年预算完成率", "≥90(%)", new BigDecimal("5.00")))
                .expectEvents(RATE);
    }

    @Test
    void definesFurtherIndicatorsUpToATotalWeightOf100() {
        fixture.given(RATE)
                .when(define("i2", "95.00"))
                .expectEvents(new IndicatorDefined(ID, "i2", "效益指标", "社会效益指标", "提升公众服务能力", "全面保障", new BigDecimal("95.00")));
    }

    @Test
    void rejectsWeightsBeyond100() {
        fixture.given(RATE)
                .when(define("i2", "95.01"))
                .expectNoEvents()
                .expectException(DomainException.RuleViolation.class)
                .expectExceptionMessage(containsString("100.01"));
    }

    @Test
    void allowsAZeroWeightIndicator() {
        fixture.given(RATE)
                .when(define("i2", "0.00"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void rejectsAnIndicatorIdDefinedTwice() {
        fixture.given(RATE)
                .when(define("i1", "1.00"))
                .expectNoEvents()
                .expectException(DomainException.Conflict.class);
    }

    @Test
    void recordsAnActual() {
        fixture.given(RATE)
                .when(new RecordActual(ID, "i1", "42.68(%)", DATE))
                .expectEvents(new IndicatorActualRecorded(ID, "i1", "42.68(%)", DATE));
    }

    @Test
    void recordsACorrectedActualAsANewFact() {
        fixture.given(RATE, new IndicatorActualRecorded(ID, "i1", "42.68(%)", DATE))
                .when(new RecordActual(ID, "i1", "43.00(%)", DATE))
                .expectEvents(new IndicatorActualRecorded(ID, "i1", "43.00(%)", DATE));
    }

    @Test
    void theSameActualAgainChangesNothing() {
        fixture.given(RATE, new IndicatorActualRecorded(ID, "i1", "42.68(%)", DATE))
                .when(new RecordActual(ID, "i1", "42.68(%)", DATE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void rejectsAnActualForAnUnknownIndicator() {
        fixture.given(RATE)
                .when(new RecordActual(ID, "i9", "达成指标", DATE))
                .expectNoEvents()
                .expectException(DomainException.NotFound.class);
    }
}
