package io.jixiao.indicator.indicatorset;

import io.jixiao.platform.web.DomainException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Asks budget-service whether a project-year is registered, before its first goal or indicator. budget-service
 * lists a registration in the same transaction that records it, so the answer is never behind. Known ids are
 * remembered: a registration is never undone.
 */
@Component
public class BudgetProjects {

    private final RestClient budget;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    BudgetProjects(RestClient.Builder http, @Value("${jixiao.budget-service.url}") String budgetServiceUrl) {
        this.budget = http.baseUrl(budgetServiceUrl).build();
    }

    public void requireRegistered(String projectId) {
        if (known.contains(projectId)) {
            return;
        }
        try {
            budget.get().uri("/projects/{id}", projectId).retrieve().toBodilessEntity();
            known.add(projectId);
        } catch (HttpClientErrorException.NotFound unknown) {
            throw new DomainException.NotFound("unknown-project", "no project-year " + projectId + " is registered");
        } catch (RestClientException unavailable) {
            throw new Unavailable(projectId);
        }
    }

    /** budget-service did not answer; nothing was recorded, the request can be retried. */
    static final class Unavailable extends DomainException {
        Unavailable(String projectId) {
            super("budget-service-unavailable", "could not check with budget-service that " + projectId + " is registered; retry later");
        }

        @Override
        public HttpStatus status() {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
    }
}
