package io.jixiao.gateway.upstream;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The services' instances for the load balancer behind the {@code lb://} routes (application.yml). */
@Configuration(proxyBeanMethods = false)
class UpstreamConfiguration {

    @Bean
    ConfiguredUpstreams configuredUpstreams(Environment environment) {
        return new ConfiguredUpstreams(Binder.get(environment)
                .bind("jixiao.gateway.upstreams", Bindable.mapOf(String.class, String.class))
                .orElseThrow(() -> new IllegalStateException("jixiao.gateway.upstreams is not set")));
    }
}
