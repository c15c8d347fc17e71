package io.jixiao.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.jixiao.auth.TestHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

/** The server over real HTTP, started on an empty home: the first start's files, tokens, the login flow. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthServerTest {

    private static final Path ROOT = temporaryDirectory();
    private static final Path HOME = ROOT.resolve("auth-server");
    private static final Path CREDENTIALS = ROOT.resolve("credentials.json");
    private static final String REDIRECT_URI = "http://127.0.0.1:8080/login/oauth2/code/jixiao";

    @DynamicPropertySource
    static void home(DynamicPropertyRegistry registry) {
        registry.add("jixiao.auth.home", HOME::toString);
        registry.add("jixiao.auth.issuer", () -> ""); // the random port is unknown here: issuer from the request
    }

    @AfterAll
    static void removeHome() throws IOException {
        FileSystemUtils.deleteRecursively(ROOT);
    }

    @Value("${local.server.port}")
    int port;

    @Test
    void firstStartWritesOwnerOnlyFilesAndNoPlaintextSecret() throws IOException {
        Path principals = HOME.resolve("principals.json");
        for (Path file : List.of(principals, CREDENTIALS, HOME.resolve("signing-key.json"))) {
            assertThat(file).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                    .isEqualTo("rw-------");
        }
        String stored = Files.readString(principals);
        JsonNode credentials = Principals.JSON.readTree(Files.readString(CREDENTIALS));
        assertThat(credentials.get("clients")).hasSize(8);
        assertThat(credentials.get("users")).hasSize(6);
        for (String group : List.of("clients", "users")) {
            for (JsonNode entry : credentials.get(group)) {
                String plaintext = TestHttp.credential(CREDENTIALS, group, entry.get("id").asString());
                assertThat(plaintext).hasSizeGreaterThanOrEqualTo(24);
                assertThat(stored).doesNotContain(plaintext);
            }
        }
        for (JsonNode entry : Principals.JSON.readTree(stored).get("principals")) {
            for (String field : List.of("secret", "password")) {
                if (entry.has(field)) {
                    assertThat(entry.get(field).asString()).startsWith("{bcrypt}");
                }
            }
        }
    }

    @Test
    void clientCredentialsTokenCarriesTheClientsClaimsAndVerifiesAgainstTheJwks() throws Exception {
        var http = new TestHttp(port);
        HttpResponse<String> response = http.clientCredentials("finance-system-a",
                TestHttp.credential(CREDENTIALS, "clients", "finance-system-a"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("refresh_token");

        JWTClaimsSet claims = http.verified(TestHttp.json(response).get("access_token").asString()).getJWTClaimsSet();
        assertThat(claims.getAudience()).containsExactly("jixiao");
        assertThat(claims.getStringListClaim("roles")).containsExactly("poster");
        assertThat(claims.getStringClaim("department")).isEqualTo(DemoPrincipals.DEPT_A);
        assertThat(claims.getStringClaim("client_id")).isEqualTo("finance-system-a");
        assertThat(claims.getSubject()).isEqualTo("finance-system-a");
        assertThat(claims.getClaims()).doesNotContainKey("unit");
        assertThat(claims.getIssuer()).isEqualTo(http.base.toString());
    }

    @Test
    void aWrongSecretIsRefused() {
        var http = new TestHttp(port);
        assertThat(http.clientCredentials("finance-system-a", "not-the-secret").statusCode()).isEqualTo(401);
        assertThat(http.clientCredentials("nobody", "whatever").statusCode()).isEqualTo(401);
    }

    @Test
    void clientSecretPostIsAcceptedToo() throws IOException {
        var http = new TestHttp(port);
        HttpResponse<String> response = http.postForm("/oauth2/token", form("grant_type", "client_credentials",
                "client_id", "seed-loader", "client_secret", TestHttp.credential(CREDENTIALS, "clients", "seed-loader")));
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void authorizationCodeWithPkceGivesATokenWithTheUsersClaims() throws Exception {
        var http = new TestHttp(port);
        String verifier = DemoPrincipals.randomSecret() + DemoPrincipals.randomSecret();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String authorize = "/oauth2/authorize?response_type=code&client_id=dashboard&scope=openid%20profile"
                + "&state=s-1&redirect_uri=" + URLEncoder.encode(REDIRECT_URI, StandardCharsets.UTF_8)
                + "&code_challenge=" + challenge + "&code_challenge_method=S256";

        HttpResponse<String> toLogin = http.get(authorize, "Accept", "text/html");
        assertThat(toLogin.statusCode()).isEqualTo(302);
        assertThat(location(http, toLogin).getPath()).isEqualTo("/login");

        HttpResponse<String> loginPage = http.get(location(http, toLogin).toString(), "Accept", "text/html");
        assertThat(loginPage.statusCode()).isEqualTo(200);
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginPage.body());
        assertThat(csrf.find()).as("CSRF token on the login page").isTrue();

        HttpResponse<String> loggedIn = http.postForm("/login", form("username", "officer-a",
                "password", TestHttp.credential(CREDENTIALS, "users", "officer-a"), "_csrf", csrf.group(1)));
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        assertThat(location(http, loggedIn).getPath()).isEqualTo("/oauth2/authorize");

        HttpResponse<String> toApp = http.get(location(http, loggedIn).toString(), "Accept", "text/html");
        assertThat(toApp.statusCode()).isEqualTo(302);
        URI callback = location(http, toApp);
        assertThat(callback.toString()).startsWith(REDIRECT_URI + "?");
        assertThat(callback.getQuery()).contains("state=s-1");
        String code = callback.getQuery().replaceAll(".*code=([^&]+).*", "$1");

        HttpResponse<String> tokens = http.postForm("/oauth2/token", form("grant_type", "authorization_code",
                "code", code, "redirect_uri", REDIRECT_URI, "client_id", "dashboard", "code_verifier", verifier));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        JsonNode body = TestHttp.json(tokens);

        SignedJWT accessToken = http.verified(body.get("access_token").asString());
        // Security 7 resource servers accept only typ JWT or none by default
        assertThat(accessToken.getHeader().getType()).isIn(null, JOSEObjectType.JWT);
        JWTClaimsSet access = accessToken.getJWTClaimsSet();
        assertThat(access.getSubject()).isEqualTo("officer-a");
        assertThat(access.getAudience()).containsExactly("jixiao");
        assertThat(access.getStringListClaim("roles")).containsExactly("viewer");
        assertThat(access.getStringClaim("department")).isEqualTo(DemoPrincipals.DEPT_A);
        assertThat(access.getStringClaim("client_id")).isEqualTo("dashboard");

        SignedJWT idToken = http.verified(body.get("id_token").asString());
        assertThat(idToken.getJWTClaimsSet().getAudience()).containsExactly("dashboard");
        assertThat(idToken.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("viewer");

        HttpResponse<String> userInfo = http.get("/userinfo",
                "Authorization", "Bearer " + body.get("access_token").asString());
        assertThat(userInfo.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(userInfo).get("sub").asString()).isEqualTo("officer-a");

        // the code is spent: a second exchange is refused
        assertThat(http.postForm("/oauth2/token", form("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT_URI, "client_id", "dashboard", "code_verifier", verifier)).statusCode())
                .isEqualTo(400);
    }

    @Test
    void theAuthorizationEndpointRefusesAPublicClientWithoutPkce() {
        var http = new TestHttp(port);
        HttpResponse<String> response = http.get("/oauth2/authorize?response_type=code&client_id=dashboard"
                + "&scope=openid&redirect_uri=" + URLEncoder.encode(REDIRECT_URI, StandardCharsets.UTF_8),
                "Accept", "text/html");
        // no code_challenge: refused before any login, by an error sent back to the client's redirect URI
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(location(http, response).toString()).startsWith(REDIRECT_URI).contains("error=invalid_request");
    }

    @Test
    void discoveryHealthAndClosedCors() {
        var http = new TestHttp(port);
        HttpResponse<String> discovery = http.get("/.well-known/openid-configuration");
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(discovery).get("jwks_uri").asString()).isEqualTo(http.base + "/oauth2/jwks");

        assertThat(http.get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(http.get("/actuator/env").statusCode()).isIn(302, 401, 404);

        HttpResponse<String> preflight = http.options("/oauth2/token", "Origin", "http://elsewhere.example",
                "Access-Control-Request-Method", "POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(http.get("/oauth2/jwks", "Origin", "http://elsewhere.example").headers()
                .firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(http.get("/login").headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    private static URI location(TestHttp http, HttpResponse<String> response) {
        return http.base.resolve(response.headers().firstValue("Location").orElseThrow());
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("auth-server-test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
