package io.jixiao.platform.security;

import io.jixiao.platform.audit.AuditEntry;
import io.jixiao.platform.web.ProblemResponses;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every servlet service is an OAuth2 resource server: it validates the bearer token itself (signature, issuer,
 * audience, expiry; Spring Boot's {@code spring.security.oauth2.resourceserver.jwt.*}), so a service reached
 * directly is as closed as through the gateway. Only health, info, prometheus and the OpenAPI document are open;
 * everything else needs a token, and then {@link EndpointAccess} checks the endpoint's {@link Allowed} roles.
 * Stateless: no session, no CSRF token (no cookie is ever accepted as a credential), CORS closed.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({SecurityFilterChain.class, BearerTokenAuthenticationEntryPoint.class})
@ConditionalOnProperty(name = "jixiao.security.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(AccessProperties.class)
public class ServiceSecurityAutoConfiguration {

    /** Paths anyone may read: probes, the metrics scrape and the API description. */
    public static final String[] OPEN_PATHS = {
            "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/error"};

    @Bean
    SecurityFilterChain serviceSecurity(HttpSecurity http, AccessProperties claims) throws Exception {
        AuthenticationEntryPoint unauthenticated = problemEntryPoint();
        AccessDeniedHandler denied = problemAccessDenied();
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(OPEN_PATHS).permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new CallerTokenConverter(claims)))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied)
                        .withObjectPostProcessor(new org.springframework.security.config.ObjectPostProcessor<
                                org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(issuerAware(unauthenticated));
                                return filter;
                            }
                        }))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .cors(cors -> cors.disable())
                .requestCache(cache -> cache.disable())
                .headers(Customizer.withDefaults())
                .build();
    }

    /** 401 problem+json with the Bearer challenge; the audit log gets the reason, never the token. */
    static AuthenticationEntryPoint problemEntryPoint() {
        BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();
        return (request, response, exception) -> {
            challenge.commence(request, response, exception);
            String code = exception instanceof InvalidBearerTokenException ? "invalid-token" : "unauthenticated";
            AuditEntry.of(request).ifPresent(entry -> entry.reasonIfUnset(code));
            ProblemResponses.write(response, HttpStatus.UNAUTHORIZED.value(), code, code.equals("invalid-token")
                    ? "the bearer token is not valid: " + exception.getMessage()
                    : "this call needs a bearer token (OAuth2 client credentials or a login)");
        };
    }

    /**
     * A token that cannot be checked because the issuer's key set is out of reach (the auth-server restarting) is no
     * fault of the caller's: 503 {@code issuer-unavailable} with Retry-After, where Spring Security's filter rethrows
     * it as a bare 500 (the fault suite saw these while the auth-server restarted). Any other failure is a 401.
     */
    static org.springframework.security.web.authentication.AuthenticationFailureHandler issuerAware(AuthenticationEntryPoint unauthenticated) {
        return (request, response, exception) -> {
            if (exception instanceof org.springframework.security.authentication.AuthenticationServiceException) {
                AuditEntry.of(request).ifPresent(entry -> entry.reasonIfUnset("issuer-unavailable"));
                response.setHeader("Retry-After", "1");
                ProblemResponses.write(response, HttpStatus.SERVICE_UNAVAILABLE.value(), "issuer-unavailable",
                        "the token cannot be checked now: its issuer's keys are out of reach; retry in a moment");
                return;
            }
            unauthenticated.commence(request, response, exception);
        };
    }

    static AccessDeniedHandler problemAccessDenied() {
        return (request, response, exception) -> {
            AuditEntry.of(request).ifPresent(entry -> entry.reasonIfUnset("forbidden"));
            ProblemResponses.write(response, HttpStatus.FORBIDDEN.value(), "forbidden", "this call is not allowed");
        };
    }

    /**
     * Spring Security's own observations off: with an observation registry present it wraps each of its filters, the
     * authentication and the authorization in an observation (a long-task timer, a timer and their tags each), 8% of
     * budget-service's CPU samples under single payments (bench/README.md, "Where the time goes"). The request's
     * own metrics ({@code http_server_requests}) are kept.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** The resource server's decoder (Spring Boot's, from the issuer), each distinct token verified once. */
    @Bean
    static BeanPostProcessor cachingJwtDecoder() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof JwtDecoder decoder && !(bean instanceof CachingJwtDecoder)
                        ? new CachingJwtDecoder(decoder) : bean;
            }
        };
    }

    @Bean
    WebMvcConfigurer endpointAccess() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new EndpointAccess());
            }
        };
    }
}
