package io.jixiao.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The verified-token cache: one verification per token while it lives, never past its expiry or five minutes. */
class CachingJwtDecoderTest {

    private static final Instant START = Instant.parse("2026-12-03T08:00:00Z");

    /** The cache's ticker; the expiry is computed against a clock fixed at START, where each token is issued. */
    private final AtomicLong nanos = new AtomicLong();
    private final List<String> verified = new ArrayList<>();

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    /** Verifies "ok-<minutes to live>" tokens (issued at START) and refuses everything else, recording each call. */
    private final JwtDecoder issuer = token -> {
        verified.add(token);
        if (token.equals("no-expiry")) {
            return Jwt.withTokenValue(token).header("alg", "RS256").subject("c").build();
        }
        if (!token.startsWith("ok-")) {
            throw new BadJwtException("signature does not match");
        }
        long minutes = Long.parseLong(token.substring(3).split("#")[0]);
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("c").issuedAt(START)
                .expiresAt(START.plus(Duration.ofMinutes(minutes))).build();
    };

    private final CachingJwtDecoder decoder = new CachingJwtDecoder(issuer, Clock.fixed(START, ZoneOffset.UTC), nanos::get);

    @Test
    void aTokenIsVerifiedOnceWhileItLives() {
        Jwt first = decoder.decode("ok-15");
        Jwt again = decoder.decode("ok-15");

        assertThat(again).isSameAs(first);
        assertThat(verified).containsExactly("ok-15");
        decoder.decode("ok-15#another");
        assertThat(verified).containsExactly("ok-15", "ok-15#another");
    }

    @Test
    void noEntryOutlivesItsTokenNorFiveMinutes() {
        decoder.decode("ok-2");
        advance(Duration.ofSeconds(119));
        decoder.decode("ok-2");
        assertThat(verified).hasSize(1);
        advance(Duration.ofSeconds(2));
        decoder.decode("ok-2");
        assertThat(verified).as("past its exp the issuer's decoder decides again").hasSize(2);

        verified.clear();
        decoder.decode("ok-15");
        advance(Duration.ofMinutes(4).plusSeconds(59));
        decoder.decode("ok-15");
        assertThat(verified).hasSize(1);
        advance(Duration.ofSeconds(2));
        decoder.decode("ok-15");
        assertThat(verified).as("a token of 15 minutes is verified again after 5").hasSize(2);
    }

    @Test
    void refusalsAndTokensWithoutExpiryAreNeverKept() {
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        decoder.decode("no-expiry");
        decoder.decode("no-expiry");

        assertThat(verified).containsExactly("forged", "forged", "no-expiry", "no-expiry");
    }

    @Test
    void lifetimeIsWhatIsLeftCappedAtMaxAge() {
        assertThat(CachingJwtDecoder.lifetime(START.plusSeconds(30), START)).isEqualTo(Duration.ofSeconds(30));
        assertThat(CachingJwtDecoder.lifetime(START.plusSeconds(3600), START)).isEqualTo(CachingJwtDecoder.MAX_AGE);
        assertThat(CachingJwtDecoder.lifetime(START, START)).isZero();
        assertThat(CachingJwtDecoder.lifetime(START.minusSeconds(1), START)).isZero();
        assertThat(CachingJwtDecoder.lifetime(null, START)).isZero();
    }

    @Test
    void theServicesDecoderIsWrappedOnceAndOtherBeansAreLeftAlone() throws Exception {
        BeanPostProcessor wrap = ServiceSecurityAutoConfiguration.cachingJwtDecoder();

        Object wrapped = wrap.postProcessAfterInitialization(issuer, "jwtDecoder");
        assertThat(wrapped).isInstanceOf(CachingJwtDecoder.class);
        assertThat(wrap.postProcessAfterInitialization(wrapped, "jwtDecoder")).isSameAs(wrapped);
        Object other = new Object();
        assertThat(wrap.postProcessAfterInitialization(other, "other")).isSameAs(other);
    }
}
