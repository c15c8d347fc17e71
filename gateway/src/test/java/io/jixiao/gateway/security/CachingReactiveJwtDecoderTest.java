package io.jixiao.gateway.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gateway's verified-token cache: one verification per token while it lives, never past its expiry or 5 min. */
class CachingReactiveJwtDecoderTest {

    private static final Instant START = Instant.parse("2026-12-03T08:00:00Z");

    /** The cache's ticker; the expiry is computed against a clock fixed at START, where each token is issued. */
    private final AtomicLong nanos = new AtomicLong();
    private final List<String> verified = new ArrayList<>();

    /** Verifies "ok-<minutes to live>" tokens (issued at START) and refuses everything else, recording each call. */
    private final ReactiveJwtDecoder issuer = token -> Mono.defer(() -> {
        verified.add(token);
        if (!token.startsWith("ok-")) {
            return Mono.error(new BadJwtException("signature does not match"));
        }
        return Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").subject("c").issuedAt(START)
                .expiresAt(START.plus(Duration.ofMinutes(Long.parseLong(token.substring(3))))).build());
    });

    private final CachingReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(issuer,
            Clock.fixed(START, ZoneOffset.UTC), nanos::get);

    @Test
    void aTokenIsVerifiedOnceUntilItsExpiryAndRefusalsAreNotKept() {
        Jwt first = decoder.decode("ok-2").block();
        nanos.addAndGet(Duration.ofSeconds(119).toNanos());
        assertThat(decoder.decode("ok-2").block()).isSameAs(first);
        assertThat(verified).containsExactly("ok-2");

        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        decoder.decode("ok-2").block();
        assertThat(verified).as("past its exp the issuer's decoder decides again").containsExactly("ok-2", "ok-2");

        assertThatThrownBy(() -> decoder.decode("forged").block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("forged").block()).isInstanceOf(BadJwtException.class);
        assertThat(verified).containsExactly("ok-2", "ok-2", "forged", "forged");
    }

    @Test
    void lifetimeIsWhatIsLeftCappedAtMaxAge() {
        assertThat(CachingReactiveJwtDecoder.lifetime(START.plusSeconds(30), START)).isEqualTo(Duration.ofSeconds(30));
        assertThat(CachingReactiveJwtDecoder.lifetime(START.plusSeconds(3600), START)).isEqualTo(CachingReactiveJwtDecoder.MAX_AGE);
        assertThat(CachingReactiveJwtDecoder.lifetime(START.minusSeconds(1), START)).isZero();
        assertThat(CachingReactiveJwtDecoder.lifetime(null, START)).isZero();
    }
}
