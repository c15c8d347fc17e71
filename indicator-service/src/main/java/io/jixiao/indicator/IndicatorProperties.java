package io.jixiao.indicator;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.Objects;

/**
 * indicator-service's own settings, {@code jixiao.*} (the relay's are platform's {@code RelayProperties}).
 * application.yml sets them from environment variables ({@code ${ENV:default}}).
 *
 * @param budgetService  where a project-year's registration and rule set are checked before any command on it
 * @param scoringService where the rule set's qualitative bands and funds weight are read
 */
@ConfigurationProperties("jixiao")
public record IndicatorProperties(@DefaultValue Service budgetService, @DefaultValue Service scoringService) {

    /** Both URLs are required: a missing one stops the start. */
    public IndicatorProperties {
        Objects.requireNonNull(budgetService.url(), "jixiao.budget-service.url is not set");
        Objects.requireNonNull(scoringService.url(), "jixiao.scoring-service.url is not set");
    }

    /** @param url the service's base URL */
    public record Service(String url) {
    }
}
