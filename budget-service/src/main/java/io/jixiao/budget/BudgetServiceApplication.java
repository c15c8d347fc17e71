package io.jixiao.budget;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.EhCache3Adapter;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.core.Ehcache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** Projects, budgets per fund source and payments, recorded as Axon events and relayed to Kafka. */
@SpringBootApplication
public class BudgetServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(BudgetServiceApplication.class, args);
    }

    /** Closed with the context. */
    @Bean(destroyMethod = "close")
    CacheManager aggregateCaches(@Value("${jixiao.project-year-cache.entries:2000}") long entries) {
        return CacheManagerBuilder.newCacheManagerBuilder()
                .withCache("projectYears", CacheConfigurationBuilder.newCacheConfigurationBuilder(Object.class,
                        Object.class, ResourcePoolsBuilder.heap(entries)))
                .build(true);
    }

    /**
     * Keeps the most recently used project-years in memory, so a payment does not replay the project's whole
     * history. Held strongly and bounded by count: a weak-reference cache is emptied by every young collection,
     * which under load meant replaying thousands of events per payment. Axon evicts an entry whose unit of work
     * rolls back, so a refused command never leaves a changed aggregate behind.
     */
    @Bean
    Cache projectYearCache(CacheManager aggregateCaches) {
        return new EhCache3Adapter((Ehcache<?, ?>) aggregateCaches.getCache("projectYears", Object.class, Object.class));
    }
}
