package io.jixiao.gateway.security;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.logout.ServerLogoutSuccessHandler;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dashboard's side of the gateway: people log in through the issuer (authorization code with PKCE), the
 * gateway keeps the tokens in their session and relays the access token to the services (an EventSource cannot
 * send an Authorization header). Their writes carry the session's CSRF token; a machine's bearer call needs none.
 */
public final class DashboardLogin {

    /** Spring Security's path that starts the login at the issuer, for the registration {@code jixiao}. */
    public static final String LOGIN_PATH = "/oauth2/authorization/jixiao";
    /** WebFlux's session cookie. */
    static final String SESSION_COOKIE = "SESSION";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

    private DashboardLogin() {
    }

    /** A browser asking for a page (not the API, not a script's fetch): sent to the login rather than given a 401. */
    static boolean wantsPage(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().value();
        List<MediaType> accepted = exchange.getRequest().getHeaders().getAccept();
        return !path.startsWith("/api/") && !path.equals("/me")
                && accepted.stream().anyMatch(type -> type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType());
    }

    /**
     * CSRF matters where the browser's session cookie authenticates: unsafe methods with the session cookie and
     * without a bearer token. A machine without a token still gets its 401, not a CSRF refusal.
     */
    static ServerWebExchangeMatcher csrfNeeded() {
        return exchange -> {
            var request = exchange.getRequest();
            String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
            boolean session = request.getCookies().containsKey(SESSION_COOKIE);
            return SAFE.contains(request.getMethod()) || bearer || !session
                    ? ServerWebExchangeMatcher.MatchResult.notMatch() : ServerWebExchangeMatcher.MatchResult.match();
        };
    }

    /** Writes the CSRF cookie on every response, so the page can read it before its first write. */
    static WebFilter csrfCookie() {
        return (exchange, chain) -> {
            Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
            return token == null ? chain.filter(exchange) : token.then(chain.filter(exchange));
        };
    }

    /**
     * After the gateway's session ends, the issuer's too (OpenID Connect RP-initiated logout), so the next visit
     * asks for the password again; the issuer sends the browser back to the dashboard.
     */
    static ServerLogoutSuccessHandler endIssuerSession(String issuer) {
        return (WebFilterExchange exchange, Authentication authentication) -> {
            var request = exchange.getExchange().getRequest();
            String back = UriComponentsBuilder.fromUri(request.getURI()).replacePath("/").replaceQuery(null).build().toUriString();
            URI target = URI.create(back);
            if (authentication instanceof OAuth2AuthenticationToken login && login.getPrincipal() instanceof OidcUser user) {
                target = UriComponentsBuilder.fromUriString(issuer).path("/connect/logout")
                        .queryParam("id_token_hint", user.getIdToken().getTokenValue())
                        .queryParam("post_logout_redirect_uri", back).build().encode().toUri();
            }
            var response = exchange.getExchange().getResponse();
            response.setStatusCode(HttpStatus.FOUND);
            response.getHeaders().setLocation(target);
            return response.setComplete();
        };
    }

    /** Who is logged in, for the page's top bar: name, department, unit and roles from the ID token. */
    static Map<String, Object> me(OidcUser user, GatewayClaims claims) {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("name", user.getSubject());
        me.put("department", user.getClaimAsString(claims.departmentClaim()));
        me.put("unit", user.getClaimAsString(claims.unitClaim()));
        Object roles = user.getClaims().get(claims.rolesClaim());
        me.put("roles", roles instanceof Collection<?> list ? list.stream().map(String::valueOf).toList() : List.of());
        return me;
    }
}
