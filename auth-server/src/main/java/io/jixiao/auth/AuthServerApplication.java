package io.jixiao.auth;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The embedded OAuth2 / OpenID Connect issuer: clients, users and the signing key come from files under its home. */
@SpringBootApplication
@EnableConfigurationProperties(AuthProperties.class)
public class AuthServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(AuthServerApplication.class, args);
    }
}
