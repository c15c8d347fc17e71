package io.jixiao.budget;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;

/** Projects, budgets per fund source and payments, recorded as Axon events and relayed to Kafka. */
@SpringBootApplication
public class BudgetServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(BudgetServiceApplication.class, args);
    }

    /** Keeps loaded project-years in memory, so a payment does not replay the project's whole history. */
    @Bean
    Cache projectYearCache() {
        return new WeakReferenceCache();
    }
}
