package io.jixiao.budget.projectyear;

import io.jixiao.budget.BudgetProperties;
import io.jixiao.platform.domain.DomainException;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Asks scoring-service, which owns the rule sets, whether a project-year's rule set exists before registering
 * it. A rule set never changes or disappears once added, so known ids are remembered.
 */
@Component
public class RuleSetCatalog {

    private final RestClient scoring;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    RuleSetCatalog(RestClient.Builder http, BudgetProperties properties) {
        this.scoring = http.baseUrl(properties.scoringService().url()).build();
    }

    public void requireKnown(String ruleSet) {
        if (known.contains(ruleSet)) {
            return;
        }
        try {
            scoring.get().uri("/rule-sets/{id}", ruleSet).retrieve().toBodilessEntity();
            known.add(ruleSet);
        } catch (HttpClientErrorException.NotFound unknown) {
            throw new DomainException.RuleViolation("unknown-rule-set", "no rule set " + ruleSet
                    + " is known; list them at /api/scoring/rule-sets, or add one there first");
        } catch (RestClientException unavailable) {
            throw new DomainException.Unavailable("scoring-service-unavailable", "could not check with scoring-service that rule set "
                    + ruleSet + " exists; retry later");
        }
    }

}
