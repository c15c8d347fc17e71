package io.jixiao.gateway.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Collection;
import java.util.List;

/** The validated caller of an exchange, as far as the gateway needs it: which client, with which roles. */
public record GatewayCaller(String client, String subject, List<String> roles) {

    public static Mono<GatewayCaller> of(ServerWebExchange exchange, GatewayClaims claims) {
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> of(((JwtAuthenticationToken) principal).getToken(), claims));
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
