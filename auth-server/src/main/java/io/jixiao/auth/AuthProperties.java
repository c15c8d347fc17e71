package io.jixiao.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The auth-server's settings ({@code jixiao.auth.*}; the home is also {@code JIXIAO_AUTH_HOME}).
 *
 * @param home              where principals.json and signing-key.json live
 * @param issuer            the issuer URL put in tokens and discovery; blank: taken from each request's host
 * @param accessTokenTtl    how long an access token is valid
 * @param maxAuthorizations how many grants are kept in memory at most (for revocation, introspection, userinfo)
 * @param credentialsFile   where the first start writes the demo principals' plaintext secrets; default: next to home
 * @param dashboardOrigins  where the dashboard (the gateway) is reached, for the demo dashboard client's redirect URIs
 */
@ConfigurationProperties("jixiao.auth")
public record AuthProperties(
        @DefaultValue("var/auth-server") Path home,
        String issuer,
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("10000") int maxAuthorizations,
        Path credentialsFile,
        @DefaultValue({"http://127.0.0.1:8080", "http://localhost:8080"}) java.util.List<String> dashboardOrigins) {

    public AuthProperties {
        if (credentialsFile == null) {
            credentialsFile = home.toAbsolutePath().normalize().resolveSibling("credentials.json");
        }
        if (accessTokenTtl.isNegative() || accessTokenTtl.isZero()) {
            throw new IllegalArgumentException("jixiao.auth.access-token-ttl must be positive");
        }
        if (maxAuthorizations < 1) {
            throw new IllegalArgumentException("jixiao.auth.max-authorizations must be at least 1");
        }
    }

    public Path principalsFile() {
        return home.resolve("principals.json");
    }

    public Path signingKeyFile() {
        return home.resolve("signing-key.json");
    }
}
