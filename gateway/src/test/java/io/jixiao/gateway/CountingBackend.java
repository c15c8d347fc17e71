package io.jixiao.gateway;

import io.jixiao.testing.StubHttpServer;
import io.jixiao.testing.TestIssuer;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One stub standing for all three services behind the gateway, counting the requests that reach it: "refused at
 * the gateway" is proven by the count, not assumed. It answers 200 with the size of the body it read.
 */
final class CountingBackend implements AutoCloseable {

    private final AtomicInteger reached = new AtomicInteger();
    private final StubHttpServer server = StubHttpServer.startReadingBodies("/", (request, body) -> {
        reached.incrementAndGet();
        return new StubHttpServer.Answer(200, "{\"bytes\":" + body.length() + "}");
    });

    int reached() {
        return reached.get();
    }

    /** Routes every service to this stub, and points the token checks at the test issuer. */
    void register(DynamicPropertyRegistry registry) {
        registry.add("BUDGET_SERVICE_URL", server::url);
        registry.add("INDICATOR_SERVICE_URL", server::url);
        registry.add("SCORING_SERVICE_URL", server::url);
        TestIssuer.registerIssuer(registry);
    }

    @Override
    public void close() {
        server.close();
    }
}
