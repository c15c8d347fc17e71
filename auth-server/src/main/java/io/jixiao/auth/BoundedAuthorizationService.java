package io.jixiao.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

import java.time.Duration;
import java.util.Map;

/**
 * The grants the server remembers (for code exchange, userinfo, revocation, introspection), at most
 * {@code maxEntries} of them and none older than the longest token lifetime. The stock in-memory service keeps every
 * client-credentials grant forever (spring-security #19591); tokens are JWTs, so dropping an old grant only makes it
 * unknown to revocation and introspection once it has expired anyway.
 */
public final class BoundedAuthorizationService implements OAuth2AuthorizationService {

    private static final Map<String, Class<? extends OAuth2Token>> TOKEN_CLASSES = Map.of(
            OAuth2ParameterNames.CODE, OAuth2AuthorizationCode.class,
            OAuth2TokenType.ACCESS_TOKEN.getValue(), OAuth2AccessToken.class,
            OAuth2TokenType.REFRESH_TOKEN.getValue(), OAuth2RefreshToken.class,
            OidcParameterNames.ID_TOKEN, OidcIdToken.class,
            OAuth2ParameterNames.DEVICE_CODE, OAuth2DeviceCode.class,
            OAuth2ParameterNames.USER_CODE, OAuth2UserCode.class);

    private final Cache<String, OAuth2Authorization> byId;

    public BoundedAuthorizationService(int maxEntries, Duration lifetime) {
        this(maxEntries, lifetime, Ticker.systemTicker());
    }

    BoundedAuthorizationService(int maxEntries, Duration lifetime, Ticker ticker) {
        this.byId = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterWrite(lifetime)
                .ticker(ticker)
                .executor(Runnable::run) // evict on the caller's thread: the bound holds when save returns
                .build();
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        byId.put(authorization.getId(), authorization);
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        byId.invalidate(authorization.getId());
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return byId.getIfPresent(id);
    }

    /** Scans the entries: their number is bounded, and a lookup by token is rare with self-contained tokens. */
    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return byId.asMap().values().stream()
                .filter(authorization -> holds(authorization, token, tokenType))
                .findFirst()
                .orElse(null);
    }

    /** How many grants are held now. */
    long size() {
        byId.cleanUp();
        return byId.estimatedSize();
    }

    private static boolean holds(OAuth2Authorization authorization, String token, OAuth2TokenType tokenType) {
        boolean state = token.equals(authorization.getAttribute(OAuth2ParameterNames.STATE));
        OAuth2Authorization.Token<?> found = authorization.getToken(token);
        if (tokenType == null) {
            return state || found != null;
        }
        if (OAuth2ParameterNames.STATE.equals(tokenType.getValue())) {
            return state;
        }
        Class<? extends OAuth2Token> expected = TOKEN_CLASSES.get(tokenType.getValue());
        return expected != null && found != null && expected.isInstance(found.getToken());
    }
}
