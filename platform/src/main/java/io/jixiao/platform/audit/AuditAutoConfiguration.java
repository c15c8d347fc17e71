package io.jixiao.platform.audit;

import org.axonframework.eventhandling.EventBus;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

import javax.sql.DataSource;
import java.time.Clock;

/**
 * The audit log of a servlet service with a database: its table (migrated by a Flyway of its own, so it never
 * mixes with the service's migrations), the filter that appends to it, the auditors' endpoint and the retention job.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({JdbcTemplate.class, Flyway.class})
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(AuditProperties.class)
@EnableScheduling
@Import(AuditController.class)
public class AuditAutoConfiguration {

    /** Runs before the security filters (order -100), so the 401s they answer are recorded too. */
    public static final int FILTER_ORDER = -200;

    /** After the service's own migrations (a database initializer): they must find their schema as they left it. */
    @Bean
    @DependsOnDatabaseInitialization
    AuditLog auditLog(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .table("flyway_audit_history")
                .locations("classpath:db/audit")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        return new AuditLog(new JdbcTemplate(dataSource));
    }

    @Bean
    FilterRegistrationBean<AuditFilter> auditFilter(AuditLog auditLog) {
        FilterRegistrationBean<AuditFilter> registration = new FilterRegistrationBean<>(new AuditFilter(auditLog));
        registration.setOrder(FILTER_ORDER);
        return registration;
    }

    @Bean
    AuditRetention auditRetention(AuditLog auditLog, AuditProperties properties, ObjectProvider<Clock> clock) {
        return new AuditRetention(auditLog, properties, clock.getIfAvailable(Clock::systemUTC));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(EventBus.class)
    static class EventIds {

        @Bean
        SmartInitializingSingleton auditedEvents(ObjectProvider<EventBus> eventBus) {
            return () -> eventBus.ifAvailable(bus -> bus.registerDispatchInterceptor(new AuditedEvents()));
        }
    }
}
