package io.jixiao.bench;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardLoadTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 2);

    @Test
    void theSameSeedAndIndexGiveTheSameProjectYear() {
        assertThat(DashboardLoad.plan(13, 42, DAY)).isEqualTo(DashboardLoad.plan(13, 42, DAY));
        assertThat(DashboardLoad.plan(13, 42, DAY)).isNotEqualTo(DashboardLoad.plan(14, 42, DAY));
        assertThat(DashboardLoad.plan(13, 42, DAY).projectId()).isEqualTo("2026-DL13-00042");
    }

    @Test
    void twentyDepartmentsAHundredUnitsAndAMixOfStatuses() {
        List<DashboardLoad.ProjectYear> plans = IntStream.range(0, 5000).mapToObj(i -> DashboardLoad.plan(13, i, DAY)).toList();
        assertThat(plans.stream().map(DashboardLoad.ProjectYear::department).distinct()).hasSize(20);
        assertThat(plans.stream().map(p -> p.department() + "/" + p.unit()).distinct()).hasSize(100);
        Map<DashboardLoad.Intent, Integer> intents = new EnumMap<>(DashboardLoad.Intent.class);
        plans.forEach(p -> intents.merge(p.intent(), 1, Integer::sum));
        assertThat(intents.get(DashboardLoad.Intent.GREEN)).isBetween(2500, 3000);
        assertThat(intents.get(DashboardLoad.Intent.YELLOW)).isBetween(1000, 1500);
        assertThat(intents.get(DashboardLoad.Intent.RED)).isBetween(750, 1250);
    }

    @Test
    void paymentsFitTheBudgetTheYearAndTheIntendedStatus() {
        double benchmark = DashboardLoad.linearBenchmark(DAY);
        for (int i = 0; i < 2000; i++) {
            DashboardLoad.ProjectYear p = DashboardLoad.plan(13, i, DAY);
            Set<String> references = new HashSet<>();
            for (DashboardLoad.Budget b : p.budgets()) {
                long paid = p.payments().stream().filter(x -> x.fundSource().equals(b.fundSource()))
                        .mapToLong(DashboardLoad.Payment::cents).sum();
                assertThat(paid).as(p.projectId() + " " + b.fundSource()).isBetween(0L, b.cents());
            }
            for (DashboardLoad.Payment x : p.payments()) {
                assertThat(x.cents()).isGreaterThanOrEqualTo(100);
                assertThat(x.businessDate()).isBetween(LocalDate.of(2026, 1, 1), DAY);
                assertThat(references.add(x.reference())).as("unique reference " + x.reference()).isTrue();
                assertThat(x.reference()).matches("[A-Za-z0-9][A-Za-z0-9_.:/-]{0,79}");
            }
            double rate = 100.0 * p.executedCents() / p.budgetCents();
            double gap = rate - benchmark;
            switch (p.intent()) {
                case GREEN -> assertThat(gap).as(p.projectId()).isGreaterThan(-5);
                case YELLOW -> assertThat(gap).as(p.projectId()).isBetween(-15.0, -5.0);
                case RED -> assertThat(gap).as(p.projectId()).isLessThan(-15);
            }
        }
    }

    @Test
    void theFirstDayOfTheYearStillPlans() {
        DashboardLoad.ProjectYear p = DashboardLoad.plan(13, 7, LocalDate.of(2027, 1, 1));
        assertThat(p.fiscalYear()).isEqualTo(2027);
        assertThat(p.payments()).allSatisfy(x -> assertThat(x.businessDate()).isEqualTo(LocalDate.of(2027, 1, 1)));
    }

    @Test
    void amountsAreYuanWithTwoDecimals() {
        assertThat(DashboardLoad.yuan(123456)).isEqualTo("1234.56");
        assertThat(DashboardLoad.yuan(100)).isEqualTo("1.00");
    }
}
