package io.jixiao.platform.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;

/**
 * Calls between services authenticate as the calling service: every {@code RestClient} built from Boot's builder
 * carries a client-credentials token of the registration {@code service} (its client id and secret are settings;
 * the token is fetched once and reused until it expires). The caller of the incoming request is never forwarded:
 * the service asks with its own, narrowest role.
 */
@AutoConfiguration(afterName = "org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration")
@ConditionalOnClass({OAuth2ClientHttpRequestInterceptor.class, RestClientCustomizer.class})
@ConditionalOnProperty(name = "spring.security.oauth2.client.registration." + ServiceCallsAutoConfiguration.REGISTRATION + ".client-id")
public class ServiceCallsAutoConfiguration {

    /** The client registration a service calls other services with. */
    public static final String REGISTRATION = "service";

    @Bean
    OAuth2AuthorizedClientManager serviceClientManager(ClientRegistrationRepository registrations,
                                                       OAuth2AuthorizedClientService clients) {
        AuthorizedClientServiceOAuth2AuthorizedClientManager manager =
                new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().clientCredentials().build());
        return manager;
    }

    @Bean
    RestClientCustomizer serviceToken(OAuth2AuthorizedClientManager serviceClientManager) {
        OAuth2ClientHttpRequestInterceptor interceptor = new OAuth2ClientHttpRequestInterceptor(serviceClientManager);
        interceptor.setClientRegistrationIdResolver(request -> REGISTRATION);
        // one token for the service, whoever the incoming request's caller is
        AnonymousAuthenticationToken service = new AnonymousAuthenticationToken(REGISTRATION, REGISTRATION,
                AuthorityUtils.createAuthorityList("ROLE_SERVICE"));
        interceptor.setPrincipalResolver(request -> service);
        return builder -> builder.requestInterceptor(interceptor);
    }
}
