package io.jixiao.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A token issued before a restart validates after it: the key and the principals come from the same home. */
class SigningKeyRestartTest {

    @TempDir
    Path root;

    @Test
    void aTokenFromTheFirstRunVerifiesAgainstTheJwksOfTheSecond() throws Exception {
        Path home = root.resolve("auth-server");
        Path credentials = root.resolve("credentials.json");
        String token;
        String principalsBefore;
        try (ConfigurableApplicationContext first = start(home)) {
            String secret = TestHttp.credential(credentials, "clients", "bench");
            HttpResponse<String> response = new TestHttp(port(first)).clientCredentials("bench", secret);
            assertThat(response.statusCode()).isEqualTo(200);
            token = TestHttp.json(response).get("access_token").asString();
            principalsBefore = Files.readString(home.resolve("principals.json"));
        }
        try (ConfigurableApplicationContext second = start(home)) {
            var http = new TestHttp(port(second));
            assertThat(http.verified(token).getJWTClaimsSet().getStringListClaim("roles"))
                    .containsExactly("poster", "budget-editor", "indicator-editor");
            // nothing regenerated: the same principals, the same secrets
            assertThat(Files.readString(home.resolve("principals.json"))).isEqualTo(principalsBefore);
            String secret = TestHttp.credential(credentials, "clients", "bench");
            assertThat(http.clientCredentials("bench", secret).statusCode()).isEqualTo(200);
        }
    }

    private static ConfigurableApplicationContext start(Path home) {
        // command-line arguments, so they win over application.yml
        return new SpringApplicationBuilder(AuthServerApplication.class)
                .run("--server.port=0", "--jixiao.auth.home=" + home, "--jixiao.auth.issuer=");
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }
}
