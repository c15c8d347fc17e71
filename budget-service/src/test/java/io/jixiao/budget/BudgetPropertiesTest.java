package io.jixiao.budget;

import io.jixiao.contracts.Topics;
import io.jixiao.platform.relay.RelayProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;

import java.time.Duration;
import java.util.Map;

import io.jixiao.platform.config.ApplicationYaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** application.yml as the service binds it: its defaults, its environment variables, and the topic of contracts. */
class BudgetPropertiesTest {

    private static Binder binder(Map<String, Object> environment) {
        return ApplicationYaml.binder(environment);
    }

    private static BudgetProperties budget(Map<String, Object> environment) {
        return binder(environment).bind("jixiao", BudgetProperties.class).get();
    }

    @Test
    void relaysToTheBudgetTopicOfContracts() {
        assertThat(binder(Map.of()).bind("jixiao.relay", RelayProperties.class).get().topic()).isEqualTo(Topics.BUDGET_EVENTS);
    }

    @Test
    void defaults() {
        BudgetProperties properties = budget(Map.of());
        assertThat(properties.scoringService().url()).isEqualTo("http://127.0.0.1:8083");
        assertThat(properties.projectYearCache().events()).isEqualTo(100_000);
        assertThat(properties.transfers()).isEqualTo(new BudgetProperties.Transfers(Duration.ofSeconds(30), Duration.ofSeconds(30)));
    }

    @Test
    void takesTheEnvironmentVariables() {
        BudgetProperties properties = budget(Map.of("SCORING_SERVICE_URL", "http://scoring:9000",
                "JIXIAO_PROJECT_YEAR_CACHE_EVENTS", "500",
                "JIXIAO_TRANSFERS_RECOVERY_GRACE", "2m", "JIXIAO_TRANSFERS_RECOVERY_INTERVAL", "1h"));
        assertThat(properties.scoringService().url()).isEqualTo("http://scoring:9000");
        assertThat(properties.projectYearCache().events()).isEqualTo(500);
        assertThat(properties.transfers()).isEqualTo(new BudgetProperties.Transfers(Duration.ofMinutes(2), Duration.ofHours(1)));
    }

    @Test
    void aMissingScoringServiceUrlStopsTheStart() {
        assertThatThrownBy(() -> new Binder(ConfigurationPropertySources.from(new MutablePropertySources()))
                .bindOrCreate("jixiao", BudgetProperties.class))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("jixiao.scoring-service.url");
    }
}
