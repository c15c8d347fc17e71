package io.jixiao.auth;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Real HTTP against a running auth-server: one cookie jar per instance, redirects never followed. */
final class TestHttp {

    final URI base;
    final HttpClient client = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    TestHttp(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    HttpResponse<String> get(String pathOrUri, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathOrUri)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    HttpResponse<String> options(String path, String... headers) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).headers(headers).build());
    }

    HttpResponse<String> postForm(String path, Map<String, String> form, String... headers) {
        String body = form.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    /** A client_credentials token request authenticated with client_secret_basic. */
    HttpResponse<String> clientCredentials(String clientId, String secret) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return postForm("/oauth2/token", Map.of("grant_type", "client_credentials"), "Authorization", "Basic " + basic);
    }

    /** Parses a JWT and checks its signature against the server's published JWKS. */
    SignedJWT verified(String token) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        JWKSet keys = JWKSet.parse(get("/oauth2/jwks").body());
        RSAKey key = (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
        if (key == null || key.isPrivate() || !jwt.verify(new RSASSAVerifier(key))) {
            throw new AssertionError("token not verified by the JWKS of " + base);
        }
        return jwt;
    }

    static JsonNode json(HttpResponse<String> response) {
        return Principals.JSON.readTree(response.body());
    }

    /** A demo principal's plaintext secret or password, from the credentials file the first start wrote. */
    static String credential(Path credentialsFile, String group, String id) throws IOException {
        JsonNode credentials = Principals.JSON.readTree(Files.readString(credentialsFile));
        for (JsonNode entry : credentials.get(group)) {
            if (entry.get("id").asString().equals(id)) {
                return entry.has("secret") ? entry.get("secret").asString() : entry.get("password").asString();
            }
        }
        throw new AssertionError(id + " not in " + credentialsFile);
    }

    static Map<String, String> form(String... namesAndValues) {
        var form = new LinkedHashMap<String, String>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return form;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
