package io.jixiao.contracts.indicator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BudgetExecutionTest {

    @Test
    void recognisesTheHeadingsThatRestateBudgetExecutionTyposIncluded() {
        assertThat(BudgetExecution.restated("当年预算完成率")).isTrue();
        assertThat(BudgetExecution.restated("预算执行率率")).isTrue();
        assertThat(BudgetExecution.restated("预算 执行率")).isTrue();
        assertThat(BudgetExecution.restated("项目完成率")).isFalse();
        assertThat(BudgetExecution.restated(null)).isFalse();
    }

    @Test
    void onlyAPercentTargetCanFollowTheLiveRate() {
        assertThat(BudgetExecution.canFollow("当年预算完成率", Target.parse("≥90(%)"))).isTrue();
        assertThat(BudgetExecution.canFollow("当年预算完成率", Target.parse("全部"))).isFalse();
        assertThat(BudgetExecution.canFollow("项目完成率", Target.parse("≥100(%)"))).isFalse();
    }
}
