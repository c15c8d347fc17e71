package io.jixiao.indicator.indicatorset;

import io.jixiao.contracts.indicator.Achievement;
import io.jixiao.indicator.IndicatorProperties;
import io.jixiao.platform.domain.DomainException;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The evaluation terms of a project-year: its rule set (from budget-service, which registered it under one) and
 * that rule set's bands and funds weight (from scoring-service). Both are remembered: a project-year never changes
 * its rule set, and a rule set never changes.
 */
@Component
public class ProjectYearTerms {

    private final BudgetProjects projects;
    private final RestClient scoring;
    private final Map<String, EvaluationTerms> byRuleSet = new ConcurrentHashMap<>();

    ProjectYearTerms(BudgetProjects projects, RestClient.Builder http, IndicatorProperties properties) {
        this.projects = projects;
        this.scoring = http.baseUrl(properties.scoringService().url()).build();
    }

    public EvaluationTerms of(String projectId) {
        String ruleSet = projects.requireRegistered(projectId);
        EvaluationTerms known = byRuleSet.get(ruleSet);
        if (known != null) {
            return known;
        }
        EvaluationTerms terms = fetch(ruleSet);
        byRuleSet.put(ruleSet, terms);
        return terms;
    }

    /** scoring-service did not answer; nothing was recorded, the request can be retried. */
    private static DomainException unavailable(String ruleSet) {
        return new DomainException.Unavailable("scoring-service-unavailable", "could not read rule set " + ruleSet
                + " from scoring-service; retry later");
    }

    private EvaluationTerms fetch(String ruleSet) {
        JsonNode definition;
        try {
            definition = scoring.get().uri("/rule-sets/{id}", ruleSet).retrieve().body(JsonNode.class);
        } catch (RestClientException unavailable) {
            throw unavailable(ruleSet);
        }
        if (definition == null) {
            throw unavailable(ruleSet);
        }
        Map<Achievement, EvaluationTerms.Band> bands = new EnumMap<>(Achievement.class);
        for (Achievement achievement : Achievement.values()) {
            JsonNode band = definition.path("qualitativeBands").path(achievement.name());
            bands.put(achievement, new EvaluationTerms.Band(new BigDecimal(band.path("low").asString()),
                    new BigDecimal(band.path("high").asString())));
        }
        return new EvaluationTerms(ruleSet, new BigDecimal(definition.path("fundsWeight").asString()).setScale(2), bands);
    }

}
