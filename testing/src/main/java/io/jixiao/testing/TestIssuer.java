package io.jixiao.testing;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A token issuer for a service's own test JVM: an RSA key, its JWK set served over real HTTP, and RS256-signed
 * access tokens shaped like the auth-server's (aud, roles, department, unit, client_id). The service validates them
 * with its real decoder (signature, issuer, audience, expiry); the end-to-end tests use the real auth-server.
 */
public final class TestIssuer {

    private static TestIssuer instance;

    private final KeyPair keys;
    private final StubHttpServer jwks;
    private final String kid = "test-key";

    private TestIssuer() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        String set = """
                {"keys":[{"kty":"RSA","kid":"%s","use":"sig","alg":"RS256","n":"%s","e":"%s"}]}"""
                .formatted(kid, base64(unsigned(key.getModulus())), base64(unsigned(key.getPublicExponent())));
        // /jwks: the key set; /token: a client-credentials answer for the service under test's calls to others
        jwks = StubHttpServer.start("/", (method, path) -> path.startsWith("/jwks") ? new StubHttpServer.Answer(200, set)
                : path.startsWith("/token") ? new StubHttpServer.Answer(200, """
                        {"access_token":"%s","token_type":"Bearer","expires_in":900}"""
                        .formatted(token("service-under-test", "*", "viewer")))
                : new StubHttpServer.Answer(404, "{}"));
    }

    /** One issuer per test JVM, like {@link TestPostgres}. */
    public static synchronized TestIssuer instance() {
        if (instance == null) {
            instance = new TestIssuer();
        }
        return instance;
    }

    public String issuer() {
        String url = jwks.url();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Points a service's resource-server settings, and its own client's, at this issuer. */
    public static void register(DynamicPropertyRegistry registry) {
        registerIssuer(registry);
        registry.add("spring.security.oauth2.client.registration.service.client-secret", () -> "test-secret");
    }

    /** Points the token checks and the issuer's endpoints (provider {@code jixiao}) at this issuer. */
    public static void registerIssuer(DynamicPropertyRegistry registry) {
        TestIssuer issuer = instance();
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer::issuer);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> issuer.issuer() + "/jwks");
        registry.add("spring.security.oauth2.client.provider.jixiao.token-uri", () -> issuer.issuer() + "/token");
        registry.add("spring.security.oauth2.client.provider.jixiao.authorization-uri", () -> issuer.issuer() + "/authorize");
        registry.add("spring.security.oauth2.client.provider.jixiao.jwk-set-uri", () -> issuer.issuer() + "/jwks");
        registry.add("jixiao.gateway.issuer", issuer::issuer);
    }

    /** A token for a machine client of that department with these roles (claim names, e.g. "poster"). */
    public String token(String client, String department, String... roles) {
        return token(Map.of("sub", client, "client_id", client, "department", department, "roles", List.of(roles)));
    }

    /** A signed token with these claims, plus iss, aud=jixiao, iat and exp (unless given). */
    public String token(Map<String, ?> claims) {
        Instant now = Instant.now();
        Map<String, Object> all = new java.util.LinkedHashMap<>();
        all.put("iss", issuer());
        all.put("aud", "jixiao");
        all.put("iat", now.getEpochSecond());
        all.put("exp", now.plus(Duration.ofMinutes(15)).getEpochSecond());
        all.putAll(claims);
        return sign("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}", json(all));
    }

    /** The same claims signed by a key nobody trusts: a forged token. */
    public static String forged(Map<String, ?> claims) {
        return new TestIssuer().token(claims);
    }

    private String sign(String header, String payload) {
        String content = base64(header.getBytes(StandardCharsets.UTF_8)) + "." + base64(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update(content.getBytes(StandardCharsets.US_ASCII));
            return content + "." + base64(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> json(e.getKey()) + ":" + json(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(TestIssuer::json).collect(Collectors.joining(",", "[", "]"));
        }
        if (value instanceof Number) {
            return value.toString();
        }
        return "\"" + String.valueOf(value).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
