package io.jixiao.auth;

import io.jixiao.auth.Principal.Kind;
import io.jixiao.contracts.access.AccessClaims;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

import java.util.List;

/**
 * Puts the claims the services authorise by ({@link AccessClaims}) into access and ID tokens: the client's own for
 * client_credentials, the logged-in user's otherwise, so a browser app never lends its users more than they have.
 */
final class AccessTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private final Principals principals;

    AccessTokenClaims(Principals principals) {
        this.principals = principals;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
        boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
        if (!accessToken && !idToken) {
            return;
        }
        Principal who = grantHolder(context);
        JwtClaimsSet.Builder claims = context.getClaims();
        if (accessToken) {
            // an ID token's audience stays the client, as OpenID Connect requires
            claims.audience(List.of(AccessClaims.AUDIENCE));
            claims.claim(AccessClaims.CLIENT, context.getRegisteredClient().getClientId());
        }
        claims.claim(AccessClaims.ROLES, who.roles());
        claims.claim(AccessClaims.DEPARTMENT, who.department());
        if (who.unit() != null && !who.unit().isBlank()) {
            claims.claim(AccessClaims.UNIT, who.unit());
        }
    }

    private Principal grantHolder(JwtEncodingContext context) {
        boolean machine = AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType());
        return machine
                ? principals.find(Kind.CLIENT, context.getRegisteredClient().getClientId()).orElseThrow(AccessTokenClaims::refused)
                : principals.find(Kind.USER, context.getPrincipal().getName()).orElseThrow(AccessTokenClaims::refused);
    }

    private static OAuth2AuthenticationException refused() {
        return new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
    }
}
