package io.jixiao.contracts.access;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An OAuth2 {@code client_credentials} token source for tools outside the services (the importer, the seed load,
 * the benchmark, tests), on the JDK's HTTP client alone: {@link #token()} answers a cached access token and asks the
 * token endpoint for a new one only when less than {@link #REFRESH_BEFORE_EXPIRY} of the last one's
 * {@code expires_in} remain. Thread-safe: concurrent callers share one request.
 *
 * <p>The client authenticates with HTTP Basic ({@code client_secret_basic}; id and secret form-encoded first, as
 * RFC 6749 §2.3.1 asks). The secret is never logged, never part of an exception's message, nor of
 * {@link #toString()}; neither is a token.
 */
public final class ClientCredentials {

    /** A token is renewed when less than this of its lifetime is left. */
    public static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofSeconds(60);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** When the token endpoint names no lifetime (it is only RECOMMENDED), the token is used this long. */
    private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

    private final URI tokenUri;
    private final String clientId;
    private final String basic;
    private final HttpClient http;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();

    private volatile Cached cached;

    private record Cached(String token, Instant renewAt) {
    }

    /**
     * @param tokenUri the token endpoint, e.g. {@code http://127.0.0.1:9000/oauth2/token}
     * @param clientId the client's id
     * @param secret   the client's secret; kept only as the Basic credentials it makes
     */
    public ClientCredentials(URI tokenUri, String clientId, String secret) {
        this(tokenUri, clientId, secret, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                Clock.systemUTC());
    }

    ClientCredentials(URI tokenUri, String clientId, String secret, HttpClient http, Clock clock) {
        this.tokenUri = Objects.requireNonNull(tokenUri, "tokenUri");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("no secret given for client " + clientId);
        }
        this.basic = "Basic " + Base64.getEncoder().encodeToString((form(clientId) + ":" + form(secret))
                .getBytes(StandardCharsets.UTF_8));
        this.http = http;
        this.clock = clock;
    }

    /** A token source for {@code clientId} with its secret read from a {@code credentials.json} file. */
    public static ClientCredentials fromFile(URI tokenUri, Path credentialsFile, String clientId) {
        return new ClientCredentials(tokenUri, clientId, secretOf(credentialsFile, clientId));
    }

    /**
     * The secret of one client in a {@code credentials.json} as the embedded auth-server writes it
     * ({@code {"clients":[{"id","secret","roles","department"}],"users":[…]}}).
     *
     * @throws IllegalArgumentException when the file cannot be read, is not such a file, or lacks the client
     */
    public static String secretOf(Path credentialsFile, String clientId) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(credentialsFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + credentialsFile + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (JacksonException e) {
            // the parser's message may quote the file's text, secrets included: only where it broke
            var at = e.getLocation();
            throw new IllegalArgumentException(credentialsFile + " is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        JsonNode clients = root == null ? null : root.get("clients");
        if (clients == null || !clients.isArray()) {
            throw new IllegalArgumentException(credentialsFile + " has no \"clients\" list");
        }
        for (JsonNode client : clients) {
            if (clientId.equals(client.path("id").asString(null))) {
                String secret = client.path("secret").asString(null);
                if (secret == null || secret.isEmpty()) {
                    throw new IllegalArgumentException("client " + clientId + " in " + credentialsFile + " has no secret");
                }
                return secret;
            }
        }
        throw new IllegalArgumentException("no client " + clientId + " in " + credentialsFile);
    }

    public String clientId() {
        return clientId;
    }

    public URI tokenUri() {
        return tokenUri;
    }

    /**
     * A valid access token: the cached one, or a new one when less than a minute of the cached one's lifetime is
     * left (or the cache was {@linkplain #invalidate() invalidated}).
     *
     * @throws IllegalStateException when the token endpoint cannot be reached or refuses (its status and OAuth2
     *                               {@code error} code are in the message)
     */
    public String token() {
        Cached current = cached;
        if (current != null && clock.instant().isBefore(current.renewAt())) {
            return current.token();
        }
        lock.lock();
        try {
            current = cached;
            if (current != null && clock.instant().isBefore(current.renewAt())) {
                return current.token(); // another thread renewed it meanwhile
            }
            cached = current = fetch();
            return current.token();
        } finally {
            lock.unlock();
        }
    }

    /** {@code Bearer <token>}, the value of an {@code Authorization} header. */
    public String authorization() {
        return "Bearer " + token();
    }

    /** Forgets the cached token: the next {@link #token()} asks for a new one (e.g. after a 401). */
    public void invalidate() {
        cached = null;
    }

    private Cached fetch() {
        Instant asked = clock.instant();
        HttpRequest request = HttpRequest.newBuilder(tokenUri).timeout(Duration.ofSeconds(30))
                .header("Authorization", basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("no token for " + clientId + ": " + tokenUri + " could not be reached ("
                    + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + tokenUri + " for a token for " + clientId, e);
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() != 200) {
            String error = body == null ? null : body.path("error").asString(null);
            throw new IllegalStateException("no token for " + clientId + ": " + tokenUri + " answered "
                    + response.statusCode() + (error == null ? "" : " " + error));
        }
        String token = body == null ? null : body.path("access_token").asString(null);
        if (token == null || token.isEmpty()) {
            throw new IllegalStateException("no token for " + clientId + ": the answer of " + tokenUri
                    + " holds no access_token");
        }
        long expiresIn = body.path("expires_in").asLong(DEFAULT_LIFETIME.toSeconds());
        // renew a minute before it expires, counted from when it was asked for; a token shorter-lived than that is
        // used once and renewed right after
        return new Cached(token, asked.plusSeconds(expiresIn).minus(REFRESH_BEFORE_EXPIRY));
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ClientCredentials[" + clientId + " at " + tokenUri + "]";
    }
}
