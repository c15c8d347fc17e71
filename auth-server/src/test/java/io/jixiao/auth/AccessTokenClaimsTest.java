package io.jixiao.auth;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The claims for a user narrowed to a unit, which no demo principal is. */
class AccessTokenClaimsTest {

    private static final String HASH = "{bcrypt}$2a$10$x";
    private final Principals principals = new Principals(List.of(
            new Principal("unit-user", Principal.Kind.USER, null, HASH, List.of("indicator-editor"),
                    DemoPrincipals.DEPT_A, "上海科技馆", null, null)));
    private final AccessTokenClaims customizer = new AccessTokenClaims(principals);

    @Test
    void anAccessTokenCarriesTheUsersRolesDepartmentAndUnit() {
        Map<String, Object> claims = customize("unit-user", OAuth2TokenType.ACCESS_TOKEN);
        assertThat(claims).containsEntry("aud", List.of("jixiao"))
                .containsEntry("roles", List.of("indicator-editor"))
                .containsEntry("department", DemoPrincipals.DEPT_A)
                .containsEntry("unit", "上海科技馆")
                .containsEntry("client_id", "dashboard");
    }

    @Test
    void anIdTokenKeepsItsAudience() {
        Map<String, Object> claims = customize("unit-user", new OAuth2TokenType("id_token"));
        assertThat(claims).containsEntry("aud", List.of("dashboard")).containsEntry("unit", "上海科技馆")
                .doesNotContainKey("client_id");
    }

    @Test
    void aUserNoLongerInTheFileGetsNoToken() {
        assertThatThrownBy(() -> customize("gone", OAuth2TokenType.ACCESS_TOKEN))
                .isInstanceOf(OAuth2AuthenticationException.class);
    }

    private Map<String, Object> customize(String user, OAuth2TokenType type) {
        var dashboard = RegisteredClient
                .withId("dashboard").clientId("dashboard")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("http://127.0.0.1:8080/login/oauth2/code/jixiao")
                .build();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().subject(user).audience(List.of("dashboard"));
        customizer.customize(JwtEncodingContext.with(JwsHeader.with(SignatureAlgorithm.RS256), claims)
                .registeredClient(dashboard)
                .principal(UsernamePasswordAuthenticationToken.authenticated(user, null, List.of()))
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .tokenType(type)
                .build());
        return claims.build().getClaims();
    }
}
