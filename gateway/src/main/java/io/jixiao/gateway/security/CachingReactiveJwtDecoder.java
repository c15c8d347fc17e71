package io.jixiao.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The gateway's token check, each distinct token verified once and then served from memory until it expires: the
 * RSA signature check of the same token on every request was 5% of the gateway's CPU samples under single payments.
 * The same rule as the services' {@code io.jixiao.platform.security.CachingJwtDecoder}: the token string is the key,
 * an entry never outlives the token's {@code exp} nor {@link #MAX_AGE}, and refusals are not cached.
 */
public final class CachingReactiveJwtDecoder implements ReactiveJwtDecoder {

    /** How long a verified token is trusted from memory at most, whatever its expiry. */
    public static final Duration MAX_AGE = Duration.ofMinutes(5);
    /** Distinct tokens kept: far more than the clients and logged-in people of one deployment. */
    public static final int MAX_TOKENS = 2_000;

    private final ReactiveJwtDecoder delegate;
    private final Cache<String, Jwt> verified;

    public CachingReactiveJwtDecoder(ReactiveJwtDecoder delegate) {
        this(delegate, Clock.systemUTC(), Ticker.systemTicker());
    }

    CachingReactiveJwtDecoder(ReactiveJwtDecoder delegate, Clock clock, Ticker ticker) {
        this.delegate = delegate;
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAX_TOKENS)
                .ticker(ticker)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> lifetime(jwt.getExpiresAt(), clock.instant())))
                .build();
    }

    static Duration lifetime(Instant expiresAt, Instant now) {
        if (expiresAt == null || !expiresAt.isAfter(now)) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, expiresAt);
        return left.compareTo(MAX_AGE) < 0 ? left : MAX_AGE;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            return Mono.just(known);
        }
        return delegate.decode(token).doOnNext(jwt -> verified.put(token, jwt));
    }
}
