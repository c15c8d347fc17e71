package io.jixiao.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;

/**
 * A real HTTP server on a free loopback port, standing in for another service in a test: it answers every
 * request under a path prefix with what the given function says of (method, path-and-query).
 */
public final class StubHttpServer implements AutoCloseable {

    /** What the stub answers: a status and a JSON (or plain) body. */
    public record Answer(int status, String body) {
    }

    private final HttpServer server;

    private StubHttpServer(HttpServer server) {
        this.server = server;
    }

    public static StubHttpServer start(String prefix, BiFunction<String, String, Answer> answer) {
        return serve(prefix, (request, body) -> answer.apply(request.method(), request.path()));
    }

    /** A request the stub received: method and path with query. */
    public record Request(String method, String path) {
    }

    /** A stub that also reads each request's body, so a test can see what arrived (an echo, say). */
    public static StubHttpServer startReadingBodies(String prefix, BiFunction<Request, String, Answer> answer) {
        return serve(prefix, answer);
    }

    private static StubHttpServer serve(String prefix, BiFunction<Request, String, Answer> answer) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext(prefix, exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Answer reply = answer.apply(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString()), body);
                byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
                // it stands in for a JSON API: say so, as the real service does
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(reply.status(), bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            return new StubHttpServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("the stub server did not start", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
