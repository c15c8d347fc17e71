package io.jixiao.gateway.security;

import io.jixiao.gateway.Problems;
import io.jixiao.gateway.limits.BodyLimitFilter;
import io.jixiao.gateway.limits.GatewayLimits;
import io.jixiao.gateway.limits.RateLimitFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
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

    /**
     * Machines call with bearer tokens; people log in to the dashboard and their session's token is relayed (the
     * routes' TokenRelay filter). A page request without a session goes to the login, an API call gets a 401.
     */
    @Bean
    SecurityWebFilterChain gatewayFilterChain(ServerHttpSecurity http, GatewayLimits limits, GatewayClaims claims,
                                              @Value("${jixiao.gateway.issuer}") String issuer) {
        ServerAuthenticationEntryPoint toLogin = new RedirectServerAuthenticationEntryPoint(DashboardLogin.LOGIN_PATH);
        ServerAuthenticationEntryPoint entryPoint = (exchange, exception) -> DashboardLogin.wantsPage(exchange)
                ? toLogin.commence(exchange, exception) : unauthenticated().commence(exchange, exception);
        CookieServerCsrfTokenRepository csrfCookie = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
        return http
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
                                "/api/*/v3/api-docs", "/api/*/v3/api-docs/**").permitAll()
                        // the page's code and styles hold no data; the data behind them needs a login
                        .pathMatchers("/css/**", "/js/**", "/webjars/**", "/favicon.ico").permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(unauthenticated())
                        .accessDeniedHandler(denied()))
                .oauth2Login(Customizer.withDefaults())
                .logout(logout -> logout.logoutSuccessHandler(DashboardLogin.endIssuerSession(issuer)))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied()))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfCookie)
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(DashboardLogin.csrfNeeded())
                        .accessDeniedHandler((exchange, exception) -> {
                            log(exchange, 403, "csrf-token-missing");
                            return Problems.write(exchange.getResponse(), HttpStatus.FORBIDDEN, "csrf-token-missing",
                                    "a write from the dashboard carries the X-XSRF-TOKEN header (the XSRF-TOKEN cookie's value)");
                        }))
                .addFilterAfter(DashboardLogin.csrfCookie(), SecurityWebFiltersOrder.CSRF)
                .cors(ServerHttpSecurity.CorsSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .headers(Customizer.withDefaults())
                .addFilterAfter(new RateLimitFilter(limits, claims), SecurityWebFiltersOrder.AUTHORIZATION)
                .build();
    }

    /**
     * Spring Security's own observations off: with an observation registry present it wraps each of its web filters,
     * the authentication and the authorization in an observation (a long-task timer, a timer and their tags each),
     * a tenth of the gateway's CPU samples under single payments with Micrometer's part (bench/README.md, "Where the
     * time goes"). The request's own metrics ({@code http_server_requests}) are kept.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** The resource server's decoder (Spring Boot's, from the issuer), each distinct token verified once. */
    @Bean
    static BeanPostProcessor cachingJwtDecoder() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof ReactiveJwtDecoder decoder && !(bean instanceof CachingReactiveJwtDecoder)
                        ? new CachingReactiveJwtDecoder(decoder) : bean;
            }
        };
    }

    /** {@code GET /me}: who is logged in to the dashboard. */
    @Bean
    RouterFunction<ServerResponse> me(GatewayClaims claims) {
        return RouterFunctions.route(RequestPredicates.GET("/me"), request -> request.principal()
                .filter(OAuth2AuthenticationToken.class::isInstance)
                .map(principal -> (OidcUser) ((OAuth2AuthenticationToken) principal).getPrincipal())
                .flatMap(user -> ServerResponse.ok().bodyValue(DashboardLogin.me(user, claims)))
                .switchIfEmpty(Mono.defer(() -> ServerResponse.status(HttpStatus.NOT_FOUND).build())));
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
