package io.jixiao.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.jixiao.auth.Principal.Kind;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.util.StringUtils;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/** The authorization server's endpoints, the login page, and the beans they read clients, users and keys from. */
@Configuration(proxyBeanMethods = false)
class AuthServerConfig {

    /** Spring Authorization Server's ID tokens live 30 minutes, a fixed value. */
    private static final Duration ID_TOKEN_TTL = Duration.ofMinutes(30);

    /** /oauth2/**, /.well-known/**, /userinfo, /connect/**: a browser without a session is sent to /login. */
    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http) throws Exception {
        MediaTypeRequestMatcher browser = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        browser.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.oidc(Customizer.withDefaults());
                })
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // the OIDC userinfo endpoint takes the access token as a bearer token
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), browser));
        return http.build();
    }

    /** Everything else: the login page, and health and info open; no CORS is configured, so none is allowed. */
    @Bean
    @Order(2)
    SecurityFilterChain loginChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/error").permitAll()
                        .anyRequest().authenticated())
                .formLogin(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    Principals principals(AuthProperties properties, PasswordEncoder encoder) {
        return Principals.loadOrCreate(properties, encoder);
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(Principals principals, AuthProperties properties) {
        TokenSettings tokens = tokenSettings(properties);
        List<RegisteredClient> clients = new ArrayList<>();
        principals.ofKind(Kind.CLIENT).forEach(client -> clients.add(RegisteredClient.withId(client.id())
                .clientId(client.id())
                .clientSecret(client.secret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenSettings(tokens)
                .build()));
        principals.ofKind(Kind.PUBLIC_CLIENT).forEach(app -> clients.add(RegisteredClient.withId(app.id())
                .clientId(app.id())
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> uris.addAll(app.redirectUris()))
                // after logging out, back to the app's first page (its origin)
                .postLogoutRedirectUris(uris -> app.redirectUris().forEach(uri -> uris.add(
                        java.net.URI.create(uri).resolve("/").toString())))
                .scopes(scopes -> scopes.addAll(app.scopes()))
                // no secret can be kept in a browser: PKCE instead; the app is ours, so no consent page
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(tokens)
                .build()));
        return new InMemoryRegisteredClientRepository(clients);
    }

    @Bean
    UserDetailsService userDetailsService(Principals principals) {
        return new InMemoryUserDetailsManager(principals.ofKind(Kind.USER).stream()
                .map(user -> User.withUsername(user.id())
                        .password(user.password())
                        .authorities(user.roles().toArray(String[]::new))
                        .build())
                .toList());
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(AuthProperties properties) {
        return new ImmutableJWKSet<>(new JWKSet(SigningKey.loadOrCreate(properties.signingKeyFile())));
    }

    @Bean
    OAuth2AuthorizationService authorizationService(AuthProperties properties) {
        TokenSettings tokens = tokenSettings(properties);
        Duration longest = Collections.max(List.of(
                tokens.getAccessTokenTimeToLive(), tokens.getAuthorizationCodeTimeToLive(), ID_TOKEN_TTL));
        return new BoundedAuthorizationService(properties.maxAuthorizations(), longest);
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> accessTokenClaims(Principals principals) {
        return new AccessTokenClaims(principals);
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(AuthProperties properties) {
        AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
        if (StringUtils.hasText(properties.issuer())) {
            settings.issuer(properties.issuer());
        }
        return settings.build();
    }

    private static TokenSettings tokenSettings(AuthProperties properties) {
        return TokenSettings.builder().accessTokenTimeToLive(properties.accessTokenTtl()).build();
    }
}
