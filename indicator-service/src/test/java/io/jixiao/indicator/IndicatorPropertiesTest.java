package io.jixiao.indicator;

import io.jixiao.contracts.Topics;
import io.jixiao.platform.relay.RelayProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;

import java.util.Map;

import io.jixiao.platform.config.ApplicationYaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** application.yml as the service binds it: its defaults, its environment variables, and the topic of contracts. */
class IndicatorPropertiesTest {

    private static Binder binder(Map<String, Object> environment) {
        return ApplicationYaml.binder(environment);
    }

    private static IndicatorProperties indicator(Map<String, Object> environment) {
        return binder(environment).bind("jixiao", IndicatorProperties.class).get();
    }

    @Test
    void relaysToTheIndicatorTopicOfContracts() {
        assertThat(binder(Map.of()).bind("jixiao.relay", RelayProperties.class).get().topic()).isEqualTo(Topics.INDICATOR_EVENTS);
    }

    @Test
    void defaults() {
        IndicatorProperties properties = indicator(Map.of());
        assertThat(properties.budgetService().url()).isEqualTo("http://127.0.0.1:8081");
        assertThat(properties.scoringService().url()).isEqualTo("http://127.0.0.1:8083");
    }

    @Test
    void takesTheEnvironmentVariables() {
        IndicatorProperties properties = indicator(Map.of("BUDGET_SERVICE_URL", "http://budget:9000",
                "SCORING_SERVICE_URL", "http://scoring:9000"));
        assertThat(properties.budgetService().url()).isEqualTo("http://budget:9000");
        assertThat(properties.scoringService().url()).isEqualTo("http://scoring:9000");
    }

    @Test
    void aMissingServiceUrlStopsTheStart() {
        assertThatThrownBy(() -> new Binder(ConfigurationPropertySources.from(new MutablePropertySources()))
                .bindOrCreate("jixiao", IndicatorProperties.class))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("jixiao.budget-service.url");
    }
}
