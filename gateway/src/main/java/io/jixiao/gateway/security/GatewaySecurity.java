package io.jixiao.gateway.security;

import io.jixiao.gateway.Problems;
import io.jixiao.gateway.limits.BodyLimitFilter;
import io.jixiao.gateway.limits.GatewayLimits;
import io.jixiao.gateway.limits.RateLimitFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * The gateway validates every token itself (signature, issuer, audience, expiry) before routing, and the services
 * validate it again: neither trusts the other. Open: the probes, the metrics scrape and the services' API
 * descriptions. Each client is rate-limited after its token is known. Refusals of identity are logged to the
 * {@code jixiao.audit} logger (the gateway has no database; each service's audit log records what reaches it).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({GatewayLimits.class, GatewayClaims.class})
public class GatewaySecurity {

    private static final Logger audit = LoggerFactory.getLogger("jixiao.audit");

    @Bean
    SecurityWebFilterChain gatewayFilterChain(ServerHttpSecurity http, GatewayLimits limits, GatewayClaims claims) {
        return http
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
                                "/api/*/v3/api-docs", "/api/*/v3/api-docs/**").permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(unauthenticated())
                        .accessDeniedHandler(denied()))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthenticated()).accessDeniedHandler(denied()))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .cors(ServerHttpSecurity.CorsSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .headers(Customizer.withDefaults())
                .addFilterAfter(new RateLimitFilter(limits, claims), SecurityWebFiltersOrder.AUTHORIZATION)
                .build();
    }

    @Bean
    BodyLimitFilter bodyLimitFilter(GatewayLimits limits) {
        return new BodyLimitFilter(limits.maxBody().toBytes());
    }

    private static ServerAuthenticationEntryPoint unauthenticated() {
        return (exchange, exception) -> {
            String code = exception instanceof InvalidBearerTokenException ? "invalid-token" : "unauthenticated";
            log(exchange, 401, code);
            exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
            return Problems.write(exchange.getResponse(), HttpStatus.UNAUTHORIZED, code, code.equals("invalid-token")
                    ? "the bearer token is not valid" : "this call needs a bearer token (OAuth2 client credentials or a login)");
        };
    }

    private static ServerAccessDeniedHandler denied() {
        return (exchange, exception) -> {
            log(exchange, 403, "forbidden");
            return Problems.write(exchange.getResponse(), HttpStatus.FORBIDDEN, "forbidden", "this call is not allowed");
        };
    }

    private static void log(ServerWebExchange exchange, int status, String reason) {
        var request = exchange.getRequest();
        String source = request.getRemoteAddress() == null ? "" : request.getRemoteAddress().getAddress().getHostAddress();
        // the path is the client's: strip line breaks so it cannot forge a log line
        audit.warn("status={} reason={} method={} path={} source={}", status, reason, request.getMethod(),
                request.getPath().value().replaceAll("[\\r\\n\\t]", "_"), source);
    }
}
