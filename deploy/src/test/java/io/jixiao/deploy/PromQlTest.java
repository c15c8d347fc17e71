package io.jixiao.deploy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The metric names read out of PromQL, which OperationsEndToEndTest checks against the services' scrapes. */
class PromQlTest {

    @Test
    void aggregationsFunctionsLabelsAndVariablesAreNotMetrics() {
        assertThat(PromQl.metricNames("sum by (application, status) (rate(http_server_requests_seconds_count"
                + "{application=~\"$application\",status=~\"5..\"}[$__rate_interval]))"))
                .containsExactly("http_server_requests_seconds_count");
        assertThat(PromQl.metricNames("sum(rate(a_sum[5m])) by (uri) / on (uri) group_left sum(rate(a_count[5m])) by (uri)"))
                .containsExactly("a_count", "a_sum");
    }

    @Test
    void bothSidesOfABinaryOperationAndRangesAreRead() {
        assertThat(PromQl.metricNames("jixiao_relay_backlog > 1000 and deriv(jixiao_relay_backlog[10m]) > 0"))
                .containsExactly("jixiao_relay_backlog");
        assertThat(PromQl.metricNames("jixiao_relay_backlog / jixiao_relay_backlog_limit > 0.5 or vector(1e3) offset 5m"))
                .containsExactly("jixiao_relay_backlog", "jixiao_relay_backlog_limit");
        assertThat(PromQl.metricNames("increase(scoring_events_dead_lettered_total[15m]) > 0"))
                .containsExactly("scoring_events_dead_lettered_total");
    }

    @Test
    void aLabelValuesQueryNamesItsMetric() {
        assertThat(PromQl.labelValuesMetric("label_values(jixiao_monitoring_project_years, department)"))
                .containsExactly("jixiao_monitoring_project_years");
        assertThat(PromQl.labelValuesMetric("prometheus")).isEmpty();
    }
}
