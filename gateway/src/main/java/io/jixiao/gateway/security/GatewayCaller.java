package io.jixiao.gateway.security;

import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Collection;
import java.util.List;

/** The validated caller of an exchange, as far as the gateway needs it: which client, with which roles. */
public record GatewayCaller(String client, String subject, List<String> roles) {

    /** A machine with its bearer token, or a person logged in to the dashboard (each person limited alone). */
    public static Mono<GatewayCaller> of(ServerWebExchange exchange, GatewayClaims claims) {
        return exchange.getPrincipal().mapNotNull(principal -> {
            if (principal instanceof JwtAuthenticationToken token) {
                return of(token.getToken(), claims);
            }
            if (principal instanceof OAuth2AuthenticationToken login && login.getPrincipal() instanceof OidcUser user) {
                Object roles = user.getClaims().get(claims.rolesClaim());
                List<String> names = roles instanceof Collection<?> list ? list.stream().map(String::valueOf).toList() : List.of();
                return new GatewayCaller(login.getAuthorizedClientRegistrationId() + ":" + user.getSubject(), user.getSubject(), names);
            }
            return null;
        });
    }

    static GatewayCaller of(Jwt jwt, GatewayClaims claims) {
        String client = jwt.getClaimAsString(claims.clientClaim());
        if (client == null) {
            client = jwt.getClaimAsString("azp");
        }
        if (client == null) {
            client = jwt.getSubject();
        }
        Object roles = jwt.getClaims().get(claims.rolesClaim());
        List<String> names = roles instanceof Collection<?> list ? list.stream().map(String::valueOf).toList() : List.of();
        return new GatewayCaller(client, jwt.getSubject(), names);
    }
}
