package io.jixiao.gateway.limits;

import io.jixiao.gateway.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Request bodies are limited before anything else: a body announced longer than the limit is refused at once, and
 * every other body is counted as it streams through to the service, failing the exchange with 413 at the limit.
 * The gateway's own {@code RequestSize} filter reads only Content-Length, so a chunked body would pass it.
 */
public class BodyLimitFilter implements WebFilter, Ordered {

    private final long limit;

    public BodyLimitFilter(long limit) {
        this.limit = limit;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    static final class TooLarge extends RuntimeException {
        TooLarge(long limit) {
            super("the request body is larger than " + limit + " bytes", null, false, false);
        }
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long announced = exchange.getRequest().getHeaders().getContentLength();
        if (announced > limit) {
            return tooLarge(exchange);
        }
        AtomicLong seen = new AtomicLong();
        ServerHttpRequestDecorator counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody().map(buffer -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                        DataBufferUtils.release(buffer);
                        throw new TooLarge(limit);
                    }
                    return buffer;
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build())
                .onErrorResume(error -> isTooLarge(error), error -> tooLarge(exchange));
    }

    private static boolean isTooLarge(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof TooLarge) {
                return true;
            }
        }
        return false;
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange) {
        // the rest of the body is never read: close the connection rather than drain it
        exchange.getResponse().getHeaders().set("Connection", "close");
        return Problems.write(exchange.getResponse(), HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
                "the request body is larger than " + limit + " bytes");
    }
}
