package io.jixiao.budget.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/** The OpenAPI description, served at /v3/api-docs and through the gateway at /api/budget/v3/api-docs. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI budgetApi() {
        return new OpenAPI()
                .info(new Info().title("budget-service").version("1")
                        .description("Project-years, budgets per fund source, and payments posted by finance systems. "
                                + "Amounts are strings in 元 with at most 2 decimals; errors are application/problem+json."))
                .servers(List.of(new Server().url("/api/budget").description("through the gateway")));
    }
}
