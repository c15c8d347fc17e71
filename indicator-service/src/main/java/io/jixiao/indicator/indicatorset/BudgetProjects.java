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
    private final Map<String, Registration> registrations = new ConcurrentHashMap<>();

    /** What budget-service registered: the rule set, and the 主管部门 and 实施单位 that own the project-year. */
    public record Registration(String ruleSet, String department, String unit) {
    }

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
        return registration(projectId).ruleSet();
    }

    /** The project-year's registration; 404 {@code unknown-project} when budget-service has not registered it. */
    public Registration registration(String projectId) {
        Registration known = registrations.get(projectId);
        if (known != null) {
            return known;
        }
        try {
            JsonNode registered = budget.get().uri("/projects/{id}", projectId).retrieve().body(JsonNode.class);
            if (registered == null || !registered.path("ruleSet").isString()) {
                throw unavailable(projectId);
            }
            Registration registration = new Registration(registered.path("ruleSet").asString(),
                    registered.path("department").asString(), registered.path("implementingUnit").asString());
            registrations.put(projectId, registration);
            return registration;
        } catch (HttpClientErrorException.NotFound unknown) {
            throw unknown(projectId);
        } catch (RestClientException unavailable) {
            throw unavailable(projectId);
        }
    }

    /** The answer to an unregistered project-year, and to one out of the caller's reach: the same, so ids cannot be probed. */
    public static DomainException unknown(String projectId) {
        return new DomainException.NotFound("unknown-project", "no project-year " + projectId + " is registered");
    }

}
