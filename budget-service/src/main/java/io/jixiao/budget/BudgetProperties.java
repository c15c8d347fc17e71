package io.jixiao.budget;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Objects;

/**
 * budget-service's own settings, {@code jixiao.*} (the relay's are platform's {@code RelayProperties}).
 * application.yml sets them from environment variables ({@code ${ENV:default}}); the cache's size, left out there,
 * takes its default here or {@code JIXIAO_PROJECT_YEAR_CACHE_EVENTS}.
 *
 * @param scoringService   where the rule sets are checked before a project-year is registered under one
 * @param projectYearCache the in-memory cache of loaded project-years
 * @param transfers        the recovery of cross-project transfers interrupted between their steps
 */
@ConfigurationProperties("jixiao")
public record BudgetProperties(@DefaultValue ScoringService scoringService,
                               @DefaultValue ProjectYearCache projectYearCache,
                               @DefaultValue Transfers transfers) {

    /** The URL is required: a missing one stops the start. */
    public BudgetProperties {
        Objects.requireNonNull(scoringService.url(), "jixiao.scoring-service.url is not set");
    }

    /** @param url scoring-service's base URL */
    public record ScoringService(String url) {
    }

    /** @param events aggregates built from at most this many events in all stay cached (about 40 MB) */
    public record ProjectYearCache(@DefaultValue("100000") long events) {
    }

    /**
     * @param recoveryGrace    an open transfer is carried on once it is this old, so requests still running finish
     * @param recoveryInterval how often open transfers are looked for, and the wait before the first look
     */
    public record Transfers(@DefaultValue("30s") Duration recoveryGrace, @DefaultValue("30s") Duration recoveryInterval) {
    }
}
