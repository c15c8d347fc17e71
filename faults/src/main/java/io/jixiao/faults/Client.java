package io.jixiao.faults;

import io.jixiao.contracts.access.ClientCredentials;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * A finance system's HTTP client as a careful one is written: every call that records something is retried with the
 * same body (and so the same idempotency key) until it gets a definitive answer, a 2xx or a 4xx.
 *
 * <p>What is definitive and what is not:
 * <ul>
 *   <li>no answer (connection refused or reset, a timeout), 500, 502 and 504 are <em>ambiguous</em>: the request may or
 *       may not have taken effect. Retried; the ledger counts it once, whatever the retry answers;</li>
 *   <li>503 {@code database-unavailable} is ambiguous too (the connection may have broken after the commit);</li>
 *   <li>other 503s and 429 say nothing was recorded: retried after their {@code Retry-After} (at most 2 s here);</li>
 *   <li>401 while the auth-server or a service's key set is away: retried with a fresh token;</li>
 *   <li>everything else is the answer.</li>
 * </ul>
 * A request still without an answer after {@link #GIVE_UP} is reported as unresolved: a failure of liveness.
 */
final class Client {

    static final Duration GIVE_UP = Duration.ofMinutes(4);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    /** The definitive answer, and how it was reached. */
    record Answer(int status, String body, int attempts, boolean ambiguous) {

        boolean ok() {
            return status / 100 == 2;
        }

        boolean rejected() {
            return status / 100 == 4;
        }
    }

    /** Thrown when no definitive answer came within {@link #GIVE_UP}. */
    static final class Unresolved extends RuntimeException {
        Unresolved(String what, String last) {
            super(what + ": no definitive answer within " + GIVE_UP.toMinutes() + " min; last: " + last);
        }
    }

    private final Supplier<URI> gateway;
    private final ClientCredentials credentials;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    final LongAdder requests = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder ambiguous = new LongAdder();
    final LongAdder unresolved = new LongAdder();
    /** The first answers of each 5xx status, with their request: what a service said when it failed. */
    final Map<Integer, java.util.List<String>> failures = new ConcurrentHashMap<>();
    /** Every status seen, retried ones included; -1 for no answer. */
    final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();

    Client(Supplier<URI> gateway, ClientCredentials credentials) {
        this.gateway = gateway;
        this.credentials = credentials;
    }

    Answer post(String path, String body) {
        return send("POST", path, body);
    }

    Answer put(String path, String body) {
        return send("PUT", path, body);
    }

    /** One attempt, no retry: for the checks, which must see what a single request answers. */
    Optional<Answer> once(String method, String path, String body) {
        try {
            HttpResponse<String> r = http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return Optional.of(new Answer(r.statusCode(), r.body(), 1, false));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private Answer send(String method, String path, String body) {
        requests.increment();
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        boolean wasAmbiguous = false;
        String last = "";
        for (int attempt = 1; ; attempt++) {
            if (attempt > 1) {
                retries.increment();
            }
            long waitMillis;
            try {
                HttpResponse<String> r = http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = r.statusCode();
                statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                last = status + " " + abbreviate(r.body());
                if (status / 100 == 5) {
                    java.util.List<String> samples = failures.computeIfAbsent(status, x -> java.util.Collections.synchronizedList(new java.util.ArrayList<>()));
                    if (samples.size() < 3) {
                        samples.add(method + " " + path + " -> " + last);
                    }
                }
                if (status == 500 || status == 502 || status == 504) {
                    wasAmbiguous = true;
                    waitMillis = backoff(attempt);
                } else if (status == 503 && r.body().contains("database-unavailable")) {
                    // the commit may have reached the database before the connection broke: the key decides
                    wasAmbiguous = true;
                    waitMillis = 1000;
                } else if (status == 503 || status == 429) {
                    waitMillis = Math.min(2000, r.headers().firstValue("Retry-After").map(Client::seconds).orElse(backoff(attempt)));
                } else if (status == 401) {
                    waitMillis = backoff(attempt);
                } else {
                    if (wasAmbiguous) {
                        ambiguous.increment();
                    }
                    return new Answer(status, r.body(), attempt, wasAmbiguous);
                }
            } catch (IOException | RuntimeException e) {
                // the token endpoint being away is a RuntimeException of ClientCredentials: nothing was sent then,
                // but a reset connection may have carried the whole request: ambiguous either way
                statuses.computeIfAbsent(-1, s -> new AtomicLong()).incrementAndGet();
                wasAmbiguous = true;
                last = e.getClass().getSimpleName() + ": " + e.getMessage();
                waitMillis = backoff(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unresolved(method + " " + path, "interrupted");
            }
            if (System.nanoTime() > deadline) {
                unresolved.increment();
                throw new Unresolved(method + " " + path, last);
            }
            try {
                Thread.sleep(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unresolved(method + " " + path, "interrupted");
            }
        }
    }

    private HttpRequest request(String method, String path, String body) {
        return HttpRequest.newBuilder(gateway.get().resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", credentials.authorization())
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    /** 100 ms, 200 ms, … at most 2 s, so that a retry storm cannot form but recovery is seen quickly. */
    private static long backoff(int attempt) {
        return Math.min(2000L, 100L << Math.min(attempt - 1, 5));
    }

    private static long seconds(String retryAfter) {
        try {
            return Long.parseLong(retryAfter.trim()) * 1000;
        } catch (NumberFormatException e) {
            return 1000;
        }
    }

    private static String abbreviate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "…";
    }
}
