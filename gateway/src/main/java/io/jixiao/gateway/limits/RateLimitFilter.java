package io.jixiao.gateway.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.jixiao.gateway.Problems;
import io.jixiao.gateway.security.GatewayCaller;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Comparator;

/**
 * A token bucket per client (Bucket4j, in memory): a client over its rate gets 429 with {@code Retry-After}, and
 * the service is never asked. Runs after authentication, so the key is the validated token's client, never a
 * header anyone could set; requests without a token were refused before.
 */
public class RateLimitFilter implements WebFilter {

    private final GatewayLimits limits;
    private final io.jixiao.gateway.security.GatewayClaims claims;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofHours(1)).build();

    public RateLimitFilter(GatewayLimits limits, io.jixiao.gateway.security.GatewayClaims claims) {
        this.limits = limits;
        this.claims = claims;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return GatewayCaller.of(exchange, claims)
                .flatMap(caller -> {
                    Bucket bucket = buckets.get(caller.client(), key -> bucket(rate(caller)));
                    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
                    if (probe.isConsumed()) {
                        return chain.filter(exchange).thenReturn(Boolean.TRUE);
                    }
                    long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
                    exchange.getResponse().getHeaders().set("Retry-After", Long.toString(seconds));
                    return Problems.write(exchange.getResponse(), HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                            "client " + caller.client() + " sends more than its limit; retry after " + seconds + " s").thenReturn(Boolean.TRUE);
                })
                .switchIfEmpty(Mono.defer(() -> chain.filter(exchange).thenReturn(Boolean.TRUE)))
                .then();
    }

    /** The most generous rate among the caller's roles. */
    GatewayLimits.Rate rate(GatewayCaller caller) {
        return caller.roles().stream().map(role -> limits.rateLimits().get(role)).filter(java.util.Objects::nonNull)
                .max(Comparator.comparingLong(GatewayLimits.Rate::perSecond))
                .orElse(limits.defaultRate());
    }

    private static Bucket bucket(GatewayLimits.Rate rate) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(rate.burst()).refillGreedy(rate.perSecond(), Duration.ofSeconds(1)).build())
                .build();
    }
}
