package io.jixiao.auth;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedAuthorizationServiceTest {

    private static final RegisteredClient CLIENT = RegisteredClient.withId("c")
            .clientId("c")
            .clientSecret("{noop}unused")
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
            .build();

    private final AtomicLong nanos = new AtomicLong();

    @Test
    void keepsNoMoreThanItsMaximum() {
        var service = new BoundedAuthorizationService(5, Duration.ofHours(1), nanos::get);
        IntStream.range(0, 50).forEach(i -> service.save(grant("g" + i)));

        assertThat(service.size()).isEqualTo(5);
        long held = IntStream.range(0, 50).filter(i -> service.findById("g" + i) != null).count();
        assertThat(held).isEqualTo(5);
        // each survivor is still found by its token
        IntStream.range(0, 50).filter(i -> service.findById("g" + i) != null).forEach(i -> assertThat(
                service.findByToken("access-g" + i, OAuth2TokenType.ACCESS_TOKEN).getId()).isEqualTo("g" + i));
    }

    @Test
    void dropsGrantsOlderThanTheLifetime() {
        var service = new BoundedAuthorizationService(100, Duration.ofMinutes(30), nanos::get);
        service.save(grant("old"));
        nanos.addAndGet(Duration.ofMinutes(20).toNanos());
        service.save(grant("young"));
        nanos.addAndGet(Duration.ofMinutes(11).toNanos());

        assertThat(service.findById("old")).isNull();
        assertThat(service.findByToken("access-old", null)).isNull();
        assertThat(service.findById("young")).isNotNull();
        assertThat(service.size()).isEqualTo(1);
    }

    @Test
    void findsByTheRightKindOfToken() {
        var service = new BoundedAuthorizationService(10, Duration.ofHours(1), nanos::get);
        Instant now = Instant.now();
        service.save(OAuth2Authorization.from(grant("g"))
                .attribute(OAuth2ParameterNames.STATE, "state-g")
                .token(new OAuth2AuthorizationCode("code-g", now, now.plusSeconds(300)))
                .build());

        assertThat(service.findByToken("code-g", new OAuth2TokenType(OAuth2ParameterNames.CODE))).isNotNull();
        assertThat(service.findByToken("code-g", OAuth2TokenType.ACCESS_TOKEN)).isNull();
        assertThat(service.findByToken("access-g", OAuth2TokenType.ACCESS_TOKEN)).isNotNull();
        assertThat(service.findByToken("state-g", new OAuth2TokenType(OAuth2ParameterNames.STATE))).isNotNull();
        assertThat(service.findByToken("state-g", null)).isNotNull();
        assertThat(service.findByToken("other", null)).isNull();

        service.remove(service.findById("g"));
        assertThat(service.findById("g")).isNull();
    }

    private static OAuth2Authorization grant(String id) {
        Instant now = Instant.now();
        return OAuth2Authorization.withRegisteredClient(CLIENT)
                .id(id)
                .principalName("c")
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access-" + id, now,
                        now.plusSeconds(900)))
                .build();
    }
}
