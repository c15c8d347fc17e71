package io.jixiao.gateway.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.util.Map;

/**
 * The gateway's limits (bound to {@code jixiao.gateway}): the largest request body, and the requests per second
 * each client may send, by role. A client with several roles gets the most generous of them; a client with none
 * of them gets {@code default-rate}.
 *
 * @param maxBody     larger bodies are refused with 413 before they reach a service
 * @param rateLimits  per role name ({@code poster}, {@code viewer}, ...): sustained requests per second and burst
 * @param defaultRate for callers whose roles have no entry
 */
@ConfigurationProperties("jixiao.gateway")
public record GatewayLimits(@DefaultValue("4MB") DataSize maxBody,
                            Map<String, Rate> rateLimits,
                            @DefaultValue({"20", "40"}) Rate defaultRate) {

    public GatewayLimits {
        rateLimits = rateLimits == null ? Map.of() : Map.copyOf(rateLimits);
    }

    /** @param perSecond sustained requests per second; @param burst how many may come at once */
    public record Rate(long perSecond, long burst) {
        public Rate {
            if (perSecond < 1 || burst < 1) {
                throw new IllegalArgumentException("a rate limit needs at least 1 request per second and a burst of 1");
            }
        }
    }
}
