package io.jixiao.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Decodes each distinct token once and serves it from memory until it expires: a finance system or the gateway sends
 * the same token for its whole life (15 minutes), and checking its RSA signature and claims again on every request
 * was 5% of budget-service's CPU samples under single payments. The token string is the key, so a hit is the very
 * token that was verified; an entry never outlives the token's {@code exp} (without the validator's clock skew) nor
 * {@link #MAX_AGE}, so a key the issuer retires stops being trusted within {@link #MAX_AGE}. Failures are not cached: a
 * refused token goes to the delegate every time.
 */
public final class CachingJwtDecoder implements JwtDecoder {

    /** How long a verified token is trusted from memory at most, whatever its expiry. */
    public static final Duration MAX_AGE = Duration.ofMinutes(5);
    /** Distinct tokens kept: far more than the clients and logged-in people of one deployment. */
    public static final int MAX_TOKENS = 2_000;

    private final JwtDecoder delegate;
    private final Cache<String, Jwt> verified;

    public CachingJwtDecoder(JwtDecoder delegate) {
        this(delegate, Clock.systemUTC(), Ticker.systemTicker());
    }

    CachingJwtDecoder(JwtDecoder delegate, Clock clock, Ticker ticker) {
        this.delegate = delegate;
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAX_TOKENS)
                .ticker(ticker)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> lifetime(jwt.getExpiresAt(), clock.instant())))
                .build();
    }

    /** What is left of the token's life, at most {@link #MAX_AGE}; nothing for a token without an expiry. */
    static Duration lifetime(Instant expiresAt, Instant now) {
        if (expiresAt == null || !expiresAt.isAfter(now)) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, expiresAt);
        return left.compareTo(MAX_AGE) < 0 ? left : MAX_AGE;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            return known;
        }
        Jwt jwt = delegate.decode(token);
        verified.put(token, jwt);
        return jwt;
    }
}
