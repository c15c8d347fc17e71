package io.jixiao.indicator.indicatorset;

import io.jixiao.indicator.IndicatorProperties;
import io.jixiao.platform.domain.DomainException;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Asks budget-service whether a project-year is registered, and under which rule set, before any command on its
 * goal or indicators. budget-service lists a registration in the same transaction that records it, so the answer
 * is never behind. Known ids are remembered: a registration is never undone, its rule set never changes.
 */
@Component
public class BudgetProjects {

    private final RestClient budget;
    private final Map<String, String> ruleSets = new ConcurrentHashMap<>();

    BudgetProjects(RestClient.Builder http, IndicatorProperties properties) {
        this.budget = http.baseUrl(properties.budgetService().url()).build();
    }

    /** budget-service did not answer; nothing was recorded, the request can be retried. */
    private static DomainException unavailable(String projectId) {
        return new DomainException.Unavailable("budget-service-unavailable", "could not check with budget-service that "
                + projectId + " is registered; retry later");
    }

    /** The project-year's rule set; 404 {@code unknown-project} when budget-service has not registered it. */
    public String requireRegistered(String projectId) {
        String known = ruleSets.get(projectId);
        if (known != null) {
            return known;
        }
        try {
            JsonNode registered = budget.get().uri("/projects/{id}", projectId).retrieve().body(JsonNode.class);
            String ruleSet = registered == null || !registered.path("ruleSet").isString() ? null : registered.path("ruleSet").asString();
            if (ruleSet == null) {
                throw unavailable(projectId);
            }
            ruleSets.put(projectId, ruleSet);
            return ruleSet;
        } catch (HttpClientErrorException.NotFound unknown) {
            throw new DomainException.NotFound("unknown-project", "no project-year " + projectId + " is registered");
        } catch (RestClientException unavailable) {
            throw unavailable(projectId);
        }
    }

}
