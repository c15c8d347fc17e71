package io.jixiao.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.util.unit.DataSize;

/** The request-body limit of every servlet service (bound to {@code jixiao.limits}). */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(LimitsAutoConfiguration.Limits.class)
public class LimitsAutoConfiguration {

    /** First of all filters: nothing reads a body before its length is bounded. */
    public static final int FILTER_ORDER = -300;

    /**
     * @param maxBody the largest request body accepted; a batch of 1,000 payments is about 250 KB
     */
    @ConfigurationProperties("jixiao.limits")
    public record Limits(@DefaultValue("4MB") DataSize maxBody) {
    }

    /**
     * Tomcat answers {@code Expect: 100-continue} before any filter has seen the request, inviting a body the limit
     * will refuse; with {@code onRead} it invites the body only when the application reads it, so a client that
     * announced too much gets the 413 before sending a byte of it.
     */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @org.springframework.boot.autoconfigure.condition.ConditionalOnClass(name = "org.springframework.boot.tomcat.TomcatConnectorCustomizer")
    static class TomcatContinue {
        @Bean
        org.springframework.boot.tomcat.TomcatConnectorCustomizer continueOnRead() {
            return connector -> connector.setProperty("continueResponseTiming", "onRead");
        }
    }

    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(Limits limits) {
        FilterRegistrationBean<BodyLimitFilter> registration = new FilterRegistrationBean<>(new BodyLimitFilter(limits.maxBody().toBytes()));
        registration.setOrder(FILTER_ORDER);
        return registration;
    }
}
