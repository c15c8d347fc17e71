package io.jixiao.indicator;

import io.jixiao.contracts.Topics;
import io.jixiao.platform.relay.RelayProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** application.yml as the service binds it: its defaults, its environment variables, and the topic of contracts. */
class IndicatorPropertiesTest {

    /** The service's application.yml under these environment variables, as a binder sees it. */
    private static Binder binder(Map<String, Object> environment) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        try {
            for (PropertySource<?> yml : new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))) {
                sources.addLast(yml);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources));
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
