package io.jixiao.platform.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.util.List;

/**
 * Each service's OpenAPI description (springdoc serves it at /v3/api-docs), named from {@code jixiao.openapi.*}
 * and pointing at the service's path through the gateway, so that every service describes itself the same way.
 */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
@ConditionalOnProperty(prefix = "jixiao.openapi", name = "title")
@EnableConfigurationProperties(OpenApiAutoConfiguration.Description.class)
public class OpenApiAutoConfiguration {

    /** The description's title, text and the service's path through the gateway ({@code /api/budget}). */
    @ConfigurationProperties("jixiao.openapi")
    public record Description(String title, String description, String gatewayPath) {
    }

    @Bean
    OpenAPI serviceApi(Description description) {
        return new OpenAPI()
                .info(new Info().title(description.title()).version("1").description(description.description()))
                .servers(List.of(new Server().url(description.gatewayPath()).description("through the gateway")));
    }
}
