package io.jixiao.budget;

import org.axonframework.common.caching.Cache;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.util.OptionalLong;

/** Projects, budgets per fund source and payments, recorded as Axon events and relayed to Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class BudgetServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(BudgetServiceApplication.class, args);
    }

    /**
     * Keeps loaded project-years in memory, so a payment does not replay the project's whole history. Axon drops
     * an entry whose unit of work rolls back, so a refused command never leaves a changed aggregate behind. The
     * default of 100,000 events is about 40 MB of aggregates: a thousand project-years of a hundred payments.
     * Each entry is checked against the last stored sequence before use (one index lookup), since another instance
     * may have changed the project-year meanwhile.
     */
    @Bean
    Cache projectYearCache(BudgetProperties properties, JdbcTemplate jdbc) {
        return new AggregateCache(properties.projectYearCache().events(), aggregate -> {
            Long last = jdbc.queryForObject(
                    "select max(sequence_number) from domain_event_entry where aggregate_identifier = ?", Long.class, aggregate);
            return last == null ? OptionalLong.empty() : OptionalLong.of(last);
        });
    }
}
