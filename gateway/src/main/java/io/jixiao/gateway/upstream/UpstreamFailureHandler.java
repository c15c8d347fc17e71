package io.jixiao.gateway.upstream;

import io.jixiao.gateway.Problems;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/**
 * What the gateway answers when the service behind a route fails it, as problem+json a finance system can act on,
 * instead of Spring's bare 500 (which the fault suite saw while budget-service restarted):
 * <ul>
 *   <li>the connection is refused (the service is down or restarting): nothing reached it, so nothing was recorded.
 *       503 {@code service-unavailable} with {@code Retry-After: 1};</li>
 *   <li>the connection breaks after the request was sent, before the answer: the request may have been recorded.
 *       502 {@code upstream-failed}: retry with the same key, which answers {@code DUPLICATE} if it was;</li>
 *   <li>no answer within the response timeout: the same uncertainty, 504 {@code upstream-timeout}.</li>
 * </ul>
 * Ordered before Spring Boot's error handler (order -1); anything else is left to it.
 */
@Component
@Order(-2)
public class UpstreamFailureHandler implements WebExceptionHandler {

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (has(ex, ConnectException.class)) {
            exchange.getResponse().getHeaders().set("Retry-After", "1");
            return Problems.write(exchange.getResponse(), HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                    "the service behind " + exchange.getRequest().getPath().value()
                            + " is not reachable; nothing was recorded; retry in a moment");
        }
        if (has(ex, TimeoutException.class) || (ex instanceof ResponseStatusException rse
                && rse.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value())) {
            return Problems.write(exchange.getResponse(), HttpStatus.GATEWAY_TIMEOUT, "upstream-timeout",
                    "the service did not answer in time; the request may have been recorded: retry it with the same key");
        }
        if (has(ex, IOException.class)) {
            return Problems.write(exchange.getResponse(), HttpStatus.BAD_GATEWAY, "upstream-failed",
                    "the connection to the service broke before its answer; the request may have been recorded: retry it with the same key");
        }
        return Mono.error(ex);
    }

    private static boolean has(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (type.isInstance(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }
}
