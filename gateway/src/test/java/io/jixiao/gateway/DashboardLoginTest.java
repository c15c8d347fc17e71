package io.jixiao.gateway;

import io.jixiao.testing.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's way in: a page without a session goes to the issuer's login with PKCE, the API answers 401
 * problem+json instead, the page's code and the charts library need no login, and a write riding on a session
 * cookie needs the CSRF token while a machine's bearer call needs none.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardLoginTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient(); // never follows redirects
    private static final CountingBackend BACKEND = new CountingBackend();
    private static final TestIssuer ISSUER = TestIssuer.instance();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        BACKEND.register(registry);
    }

    @AfterAll
    static void stop() {
        BACKEND.close();
    }

    @LocalServerPort
    int port;

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    @Test
    void aPageWithoutASessionGoesToTheIssuersLoginWithPkce() throws Exception {
        HttpResponse<String> page = send(request("/").header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"));
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).endsWith("/oauth2/authorization/jixiao"));

        HttpResponse<String> login = send(request("/oauth2/authorization/jixiao"));
        assertThat(login.statusCode()).isEqualTo(302);
        String authorize = login.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).startsWith(ISSUER.issuer() + "/authorize?")
                .contains("response_type=code", "client_id=dashboard", "code_challenge=", "code_challenge_method=S256",
                        "scope=openid", "redirect_uri=http://127.0.0.1:" + port + "/login/oauth2/code/jixiao");
        // the login's state is kept in a session of the gateway, never in the URL alone
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie).startsWith("SESSION=").containsIgnoringCase("HttpOnly").contains("SameSite=Lax"));
    }

    @Test
    void theApiAndWhoAmIAnswer401ProblemsNotRedirects() throws Exception {
        int before = BACKEND.reached();
        for (String path : new String[]{"/api/scoring/monitoring", "/me"}) {
            HttpResponse<String> answer = send(request(path).header("Accept", "text/html"));
            assertThat(answer.statusCode()).as(path).isEqualTo(401);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
        assertThat(BACKEND.reached()).isEqualTo(before);
    }

    @Test
    void thePagesCodeAndTheChartsNeedNoLogin() throws Exception {
        HttpResponse<String> charts = send(request("/webjars/echarts/5.5.0/echarts.min.js"));
        assertThat(charts.statusCode()).isEqualTo(200);
        assertThat(charts.body()).contains("echarts");
    }

    @Test
    void writesOnASessionCookieNeedTheCsrfTokenAndBearerCallsDoNot() throws Exception {
        int before = BACKEND.reached();
        HttpResponse<String> cookieOnly = send(request("/api/budget/expenditures").header("Cookie", "SESSION=stolen-by-a-form-post")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(cookieOnly.statusCode()).isEqualTo(403);
        assertThat(cookieOnly.body()).contains("csrf-token-missing");
        // a machine without a token hears 401, not a CSRF refusal
        HttpResponse<String> noToken = send(request("/api/budget/expenditures")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(BACKEND.reached()).isEqualTo(before);
        String poster = ISSUER.token("finance-system-a", "*", "poster");
        HttpResponse<String> bearer = send(request("/api/budget/expenditures").header("Authorization", "Bearer " + poster)
                .header("Cookie", "SESSION=whatever").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(bearer.statusCode()).isEqualTo(200);
        assertThat(BACKEND.reached()).isEqualTo(before + 1);
    }
}
